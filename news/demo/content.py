"""The demonstration news: sentences written for this project."""

INDEX = {
    "slug": "news",
    "title": "News",
    "introduction": (
        "Announcements from the consortium, new and updated toolkits, and upcoming learning "
        "sessions. Follow them by e-mail or in a feed reader."
    ),
}

INDEX_TRANSLATIONS = {
    "es": {
        "title": "Noticias",
        "introduction": (
            "Anuncios del consorcio, herramientas nuevas y actualizadas, y las próximas sesiones "
            "de aprendizaje. Sígalos por correo electrónico o en un lector de noticias."
        ),
    },
    "pt": {
        "title": "Notícias",
        "introduction": (
            "Anúncios do consórcio, kits de ferramentas novos e atualizados e as próximas sessões "
            "de aprendizagem. Acompanhe por e-mail ou num leitor de feeds."
        ),
    },
}

# days_ago: the item's date, counted back from the day the demo is loaded.
ITEMS = [
    {
        "slug": "monthly-learning-sessions",
        "title": "Monthly learning sessions for member teams",
        "kind": "event",
        "days_ago": 3,
        "topics": ["education", "recognition-screening"],
        "summary": (
            "On the second Tuesday of every month, teams from member hospitals meet online for an "
            "hour to share what changed their time to antibiotics."
        ),
        "body": [
            (
                "paragraph",
                "<p>Each session opens with one team presenting a change they tested, what they "
                "measured and what they would do differently. The rest of the hour is questions "
                "from other teams and a short look at the collaborative's latest run charts.</p>"
                "<p>Sessions are open to staff of every member organization. Slides and a summary "
                "are posted afterwards for those who could not join.</p>",
            ),
        ],
        "translations": {
            "es": {
                "title": "Sesiones mensuales de aprendizaje para los equipos miembros",
                "summary": (
                    "El segundo martes de cada mes, equipos de los hospitales miembros se reúnen "
                    "en línea durante una hora para compartir lo que redujo su tiempo hasta los "
                    "antibióticos."
                ),
                "body": [
                    (
                        "paragraph",
                        "<p>Cada sesión empieza con un equipo que presenta un cambio que "
                        "probó, lo que midió y lo que haría de otra manera. El resto de la hora "
                        "son preguntas de otros equipos y un vistazo a los gráficos de ejecución "
                        "más recientes del colaborativo.</p>",
                    ),
                ],
            },
        },
    },
    {
        "slug": "expert-panel-pediatric-recognition",
        "title": "Expert panel on pediatric sepsis recognition begins its work",
        "kind": "announcement",
        "days_ago": 10,
        "topics": ["recognition-screening"],
        "summary": (
            "Clinicians from four children's and community hospitals will review how emergency "
            "departments screen children for sepsis and propose a shared approach by spring."
        ),
        "body": [
            (
                "paragraph",
                "<p>The panel will look at the screening tools in use at member hospitals, the "
                "vital-sign thresholds they rely on and how families' concerns are recorded. Its "
                "draft recommendation will be opened for comment to every member organization "
                "before it becomes a toolkit.</p>",
            ),
        ],
    },
    {
        "slug": "portal-opens",
        "title": "The consortium's portal opens to member organizations",
        "kind": "announcement",
        "days_ago": 24,
        "topics": [],
        "summary": (
            "Member organizations can now download the consortium's toolkits, work in private "
            "work-group spaces and report their sepsis measures in one place."
        ),
        "body": [
            (
                "paragraph",
                "<p>Staff of member organizations create an account, name their organization on "
                "their profile, and the consortium confirms it. Members-only files and the "
                "improvement collaborative open once it is confirmed.</p>",
            ),
        ],
    },
    {
        "slug": "collaborative-preliminary-results",
        "title": "Preliminary collaborative results shared with site teams",
        "kind": "other",
        "days_ago": 6,
        "members_only": True,
        "topics": ["data-measurement"],
        "summary": (
            "Site teams can compare their first six months of bundle compliance with the pooled "
            "figures before the public report is written."
        ),
        "body": [
            (
                "paragraph",
                "<p>The pooled figures are preliminary: two sites are still checking their "
                "abstraction. Please send questions to the coaches rather than sharing the charts "
                "outside your organization.</p>",
            ),
        ],
    },
]
