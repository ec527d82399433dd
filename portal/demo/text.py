"""Words of the demonstration consortium, written for this project in plain language."""

CONSORTIUM = {
    "consortium_name": "Massachusetts Sepsis Consortium",
    "short_name": "MA Sepsis Consortium",
    "state": "Massachusetts",
    "state_code": "MA",
    "emergency_number": "911",
    "contact_email": "consortium@example.org",
    "contact_phone": "(617) 555-0142",
    "postal_address": "Massachusetts Sepsis Consortium (demonstration)\nBoston, MA 02108",
    "access_contact_text": "the consortium coordinator",
    "is_demonstration": True,
}

# One password for every demo account that can log in (the work groups' people use the same;
# README, "Demo accounts"). Demo only.
DEMO_PASSWORD = "sepsis-demo-2026"  # noqa: S105

# A logged-in visitor whose organization is not a confirmed member: to try what a non-member
# sees (members-only files answer 403 and explain how to join).
NON_MEMBER = ("jordan.lee@example.org", "Jordan", "Lee")

# A logged-in visitor who named a member hospital and waits for consortium staff: to try the
# waiting state, and for staff to try the admin's queue of organization requests.
AWAITING_CONFIRMATION = ("alex.kim@example.org", "Alex", "Kim", "Granite Ledge Hospital")

HOME = {
    "title": "Home",
    "hero_heading": "Spot sepsis early. Treat it fast.",
    "hero_text": (
        "Sepsis is a life-threatening reaction to an infection. Health care providers, "
        "insurers, state agencies, researchers and people who survived sepsis work together "
        "in this consortium so that every care setting in Massachusetts recognizes it quickly."
    ),
    "hero_link_text": "About the consortium",
    "intro": (
        "<p>Most sepsis starts outside the hospital, from an infection of the lungs, skin, "
        "urinary tract or gut. Anyone can get it. Babies, older adults and people with "
        "long-term illness are at higher risk.</p>"
    ),
}

ABOUT = {
    "title": "About the consortium",
    "slug": "about",
    "introduction": (
        "We bring together the people who care for patients, pay for care, set policy and "
        "speak for patients, so that sepsis is found and treated quickly everywhere."
    ),
    "aims_heading": "What we set out to do",
    "aims": [
        (
            "Share what works",
            "Find proven ways to diagnose and treat sepsis promptly in hospitals, nursing "
            "homes, home care, ambulances and clinics, and help every setting use them.",
        ),
        (
            "Help the public know the signs",
            "Teach people how to prevent infections, which symptoms can mean sepsis, and "
            "when to get care straight away.",
        ),
        (
            "Track sepsis across the state",
            "Recommend one way to follow how often people get sepsis and die of it in "
            "Massachusetts, so that we can see whether things improve.",
        ),
    ],
    "how_heading": "How we work",
    "how": (
        "<p>Members meet in work groups, each focused on one care setting or one task. The "
        "groups draft toolkits, test them with member organizations, and publish them here "
        "once the consortium has approved them.</p>"
        "<p>Anyone may use the public toolkits. Some working material is shared only with "
        "staff of member organizations.</p>"
    ),
}

DIRECTORY = {
    "title": "Member organizations",
    "slug": "members",
    "introduction": (
        "These organizations take part in the consortium. Their staff can open members-only "
        "material once consortium staff have confirmed their account."
    ),
}

CATEGORIES = [
    (
        "state-agencies-and-legislators",
        "State agencies and legislators",
        "Public bodies that set health policy and oversee care in the state.",
    ),
    (
        "health-care-associations-and-insurers",
        "Health care associations and insurers",
        "Associations of hospitals, nursing homes, home care agencies and clinicians, and "
        "the health plans that pay for care.",
    ),
    (
        "sepsis-advocates-and-patient-representatives",
        "Sepsis advocates and patient representatives",
        "Survivors, families and the groups that speak for them.",
    ),
]

ORGANIZATIONS = [
    (
        "state-agencies-and-legislators",
        "Department of Public Health",
        "Boston",
        "Licenses health care facilities and runs the state's disease surveillance.",
    ),
    (
        "state-agencies-and-legislators",
        "Office of Emergency Medical Services",
        "Boston",
        "Oversees ambulance services and the protocols paramedics follow.",
    ),
    (
        "state-agencies-and-legislators",
        "Executive Office of Elder Affairs",
        "Boston",
        "Supports older adults and the agencies that care for them at home.",
    ),
    (
        "state-agencies-and-legislators",
        "Joint Committee on Public Health",
        "Boston",
        "The legislative committee that considers public health bills.",
    ),
    (
        "health-care-associations-and-insurers",
        "Hospital Association",
        "Burlington",
        "Represents acute care hospitals and health systems.",
    ),
    (
        "health-care-associations-and-insurers",
        "Senior Care Association",
        "Newton",
        "Represents nursing homes and long-term care providers.",
    ),
    (
        "health-care-associations-and-insurers",
        "Home Care Alliance",
        "Boston",
        "Represents home health and hospice agencies.",
    ),
    (
        "health-care-associations-and-insurers",
        "Association of Health Plans",
        "Boston",
        "Represents health insurers serving the state's residents.",
    ),
    (
        "health-care-associations-and-insurers",
        "League of Community Health Centers",
        "Boston",
        "Represents community health centers and their primary care teams.",
    ),
    (
        "sepsis-advocates-and-patient-representatives",
        "Sepsis Survivors Network",
        "Worcester",
        "Connects people who have had sepsis, and their families, with each other.",
    ),
    (
        "sepsis-advocates-and-patient-representatives",
        "Patient and Family Advisory Council",
        "Springfield",
        "Patients and relatives who advise the consortium on what people need.",
    ),
]

# Member hospitals of the demonstration (fictional), beside the associations and agencies
# above. The improvement collaborative's demo adds its hospitals to the same category.
HOSPITALS_CATEGORY = (
    "hospitals",
    "Hospitals",
    "Acute care hospitals, including those taking part in the improvement collaborative.",
)

HOSPITALS = [
    (
        "Granite Ledge Hospital",
        "Lowell",
        "A community teaching hospital with a busy emergency department.",
    ),
    (
        "Heronfield Medical Center",
        "Pittsfield",
        "The regional hospital for western Massachusetts, with a sepsis response team.",
    ),
    (
        "Cape Harbor Hospital",
        "Hyannis",
        "Serves Cape Cod and the islands, with many older patients in summer and winter.",
    ),
    (
        "Willowmere Community Hospital",
        "Northampton",
        "A small hospital that works closely with local nursing homes.",
    ),
    (
        "Saltbox Bay Medical Center",
        "Salem",
        "An acute care hospital and its outpatient clinics.",
    ),
]

# The page on joining, linked from every page that is closed to someone (ConsortiumSettings).
JOIN = {
    "slug": "join",
    "en": {
        "title": "Join the consortium",
        "introduction": (
            "Membership is open to organizations that care for patients, pay for care, set "
            "health policy or speak for patients in Massachusetts. Their staff become members "
            "by creating an account and naming their organization."
        ),
        "who_heading": "Who can become a member",
        "who": [
            (
                "Hospitals and health care providers",
                "Hospitals, health systems, nursing homes, home care agencies, ambulance "
                "services and clinics.",
            ),
            (
                "Health care associations and insurers",
                "Associations of providers and clinicians, patient safety organizations and "
                "the health plans that pay for care.",
            ),
            (
                "State agencies and legislators",
                "Public bodies that set health policy or oversee care, and the legislators who "
                "work on it.",
            ),
            (
                "Sepsis advocates and patient representatives",
                "Survivors, families and the groups that speak for them.",
            ),
        ],
        "opens_heading": "What membership opens",
        "opens": (
            "<p>Staff of member organizations can open the members-only files of our toolkits, "
            "such as editable checklists and order sets, and can take part in the work "
            "groups that write new toolkits.</p>"
        ),
        "how_heading": "How to become a member",
        "how": (
            "<ol><li>Create an account with your work e-mail address.</li>"
            "<li>Name your organization when you sign up, or later on your profile page.</li>"
            "<li>Consortium staff confirm that you work there and e-mail you. Your profile "
            "page shows the status of your request and when to expect an answer.</li></ol>"
            "<p>If your organization is not in the list yet, write to the consortium "
            "coordinator: we will tell you how it can join.</p>"
        ),
    },
    "es": {
        "title": "Únase al consorcio",
        "introduction": (
            "Pueden ser miembros las organizaciones que atienden a pacientes, pagan la atención, "
            "definen políticas de salud o representan a pacientes en Massachusetts. Su personal "
            "se hace miembro al crear una cuenta e indicar su organización."
        ),
        "who_heading": "Quién puede ser miembro",
        "who": [
            (
                "Hospitales y proveedores de atención médica",
                "Hospitales, sistemas de salud, residencias de ancianos, agencias de atención "
                "domiciliaria, servicios de ambulancia y clínicas.",
            ),
            (
                "Asociaciones de atención médica y aseguradoras",
                "Asociaciones de proveedores y profesionales clínicos, organizaciones de "
                "seguridad del paciente y los planes de salud que pagan la atención.",
            ),
            (
                "Agencias estatales y legisladores",
                "Organismos públicos que definen la política de salud o supervisan la "
                "atención, y los legisladores que trabajan en ello.",
            ),
            (
                "Defensores de la sepsis y representantes de pacientes",
                "Sobrevivientes, familias y los grupos que hablan en su nombre.",
            ),
        ],
        "opens_heading": "Qué le da la membresía",
        "opens": (
            "<p>El personal de las organizaciones miembro puede abrir los archivos de nuestras "
            "herramientas reservados a miembros, como listas de verificación editables, y "
            "puede participar en los grupos de trabajo que escriben nuevas herramientas.</p>"
        ),
        "how_heading": "Cómo hacerse miembro",
        "how": (
            "<ol><li>Cree una cuenta con su correo electrónico del trabajo.</li>"
            "<li>Indique su organización al registrarse, o más tarde en su página de "
            "perfil.</li>"
            "<li>El personal del consorcio confirma que usted trabaja allí y le escribe. Su "
            "página de perfil muestra el estado de su solicitud y cuándo esperar la "
            "respuesta.</li></ol>"
            "<p>Si su organización aún no está en la lista, escriba a la coordinación del "
            "consorcio: le diremos cómo puede unirse.</p>"
        ),
    },
    "pt": {
        "title": "Junte-se ao consórcio",
        "introduction": (
            "Podem ser membros as organizações que cuidam de pacientes, pagam pelos cuidados, "
            "definem políticas de saúde ou representam pacientes em Massachusetts. A equipe "
            "delas se torna membro ao criar uma conta e indicar a organização."
        ),
        "who_heading": "Quem pode ser membro",
        "who": [
            (
                "Hospitais e prestadores de cuidados de saúde",
                "Hospitais, sistemas de saúde, casas de repouso, agências de cuidados "
                "domiciliares, serviços de ambulância e clínicas.",
            ),
            (
                "Associações de saúde e seguradoras",
                "Associações de prestadores e profissionais clínicos, organizações de "
                "segurança do paciente e os planos de saúde que pagam pelos cuidados.",
            ),
            (
                "Agências estaduais e legisladores",
                "Órgãos públicos que definem a política de saúde ou supervisionam os cuidados, "
                "e os legisladores que trabalham nisso.",
            ),
            (
                "Defensores da sepse e representantes de pacientes",
                "Sobreviventes, famílias e os grupos que falam por eles.",
            ),
        ],
        "opens_heading": "O que a associação abre",
        "opens": (
            "<p>A equipe das organizações membro pode abrir os arquivos das nossas ferramentas "
            "reservados a membros, como listas de verificação editáveis, e pode participar "
            "dos grupos de trabalho que escrevem novas ferramentas.</p>"
        ),
        "how_heading": "Como se tornar membro",
        "how": (
            "<ol><li>Crie uma conta com o seu e-mail de trabalho.</li>"
            "<li>Indique a sua organização ao se cadastrar, ou depois na sua página de "
            "perfil.</li>"
            "<li>A equipe do consórcio confirma que você trabalha lá e lhe envia um e-mail. A "
            "sua página de perfil mostra a situação do pedido e quando esperar a "
            "resposta.</li></ol>"
            "<p>Se a sua organização ainda não está na lista, escreva à coordenação do "
            "consórcio: diremos como ela pode entrar.</p>"
        ),
    },
}
