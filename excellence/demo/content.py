# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Words of the demonstration's excellence reports and stories, written for this project. The
hospitals and people are fictional; no story holds any patient's details."""

# Themes the stories share with the toolkits (toolkits' Topic terms), added when missing.
THEMES = [
    ("time-zero", "Time zero"),
    ("antibiotics-within-the-hour", "Antibiotics within the hour"),
    ("de-escalation", "De-escalation"),
]

HOSPITALS_CATEGORY = ("hospitals", "Hospitals", "Acute care hospitals.")
HOSPITALS = {
    "saltmeadow": ("Saltmeadow General Hospital", "Saltmeadow"),
    "wrenfield": ("Wrenfield Community Hospital", "Wrenfield"),
}

# The demo's reporter logs in with the demo password: a member organization's staff member.
REPORTER = (
    "priya.natarajan@example.org",
    "Priya",
    "Natarajan",
    "saltmeadow",
    "Clinical nurse educator",
)

INDEX = {
    "slug": "learning-from-excellence",
    "title": "Learning from excellence",
    "introduction": (
        "Stories of sepsis care done well in member organizations, reported by the colleagues "
        "who saw it. Each report brings the people behind it a thank-you; with everyone's "
        "agreement, the practice is shared here so that other teams can do the same."
    ),
    "translations": {
        "es": {
            "title": "Aprender de la excelencia",
            "introduction": "Historias de atención de la sepsis bien hecha en las organizaciones miembros, contadas por los colegas que la vieron. Cada informe lleva un agradecimiento a quienes la hicieron posible; con el acuerdo de todos, la práctica se comparte aquí para que otros equipos puedan hacer lo mismo.",
        },
        "pt": {
            "title": "Aprender com a excelência",
            "introduction": "Histórias de cuidados de sepse bem feitos nas organizações membros, contadas pelos colegas que os viram. Cada relato leva um agradecimento a quem os tornou possíveis; com o acordo de todos, a prática é partilhada aqui para que outras equipes possam fazer o mesmo.",
        },
    },
}

# Published stories, each from an approved report whose reporter agreed to share it.
STORIES = [
    {
        "slug": "time-zero-caught-at-triage",
        "hospital": "saltmeadow",
        "kind": "person",
        "recognized_name": "Triage nurse, emergency department",
        "recognized_email": "ed.triage.lead@example.org",
        "unit": "emergency department",
        "themes": ["time-zero", "recognition-screening"],
        "named": False,
        "what": "On a crowded evening, the triage nurse noticed that a man sent in for a fall had a fast breathing rate and was newly confused. She repeated his vital signs, ran the sepsis screen, and called the charge nurse and physician to the bedside. She wrote down the time the screen was positive, so the whole team worked from the same time zero.",
        "why": "Because time zero was set at triage, the lactate, blood cultures and antibiotics all followed within the hour, instead of waiting for a bed upstairs. The team now uses her note as the example in their triage teaching.",
        "title": "Time zero set at triage",
        "summary": "A triage nurse looked past the reason for the visit, screened for sepsis, and started the clock for the whole team.",
        "recognized": "A triage nurse in an emergency department",
    },
    {
        "slug": "antibiotics-within-the-hour-picu-night-team",
        "hospital": "wrenfield",
        "kind": "team",
        "recognized_name": "Pediatric intensive care night team",
        "recognized_email": "picu.nights@example.org",
        "unit": "pediatric intensive care",
        "themes": ["antibiotics-within-the-hour", "treatment-bundles", "antimicrobial-stewardship"],
        "named": True,
        "what": "When a child transferred from another hospital arrived in septic shock, the night team had a plan ready before the ambulance doors opened: a nurse drew cultures while a second placed access, the pharmacist brought the first doses of the chosen antibiotics to the bedside, and the resident read out each step of the bundle as it was done.",
        "why": "The first antibiotic ran 35 minutes after arrival, with the right drugs for the child's history, and fluids were reassessed after each bolus. The family said later that the calm in the room helped them trust the team.",
        "title": "Antibiotics within the hour, on a night shift",
        "summary": "A pediatric intensive care night team prepared before a transfer arrived and gave the first antibiotic 35 minutes after the child came through the door.",
        "recognized": "The pediatric intensive care night team, Wrenfield Community Hospital",
        "interview": {
            "interviewee": "The night charge nurse",
            "answers": [
                "We heard the child was coming about 40 minutes ahead, so we gathered at the bedside space and split the jobs before anyone arrived.",
                "Our pharmacist keeps the first doses of the usual antibiotics in the unit at night, and the bundle checklist is taped to every bed space.",
                "Reading each step out loud. We started it in a simulation and it stuck: nobody has to wonder what is done.",
                "Every time the pharmacist is in the room from the start.",
                "A pre-arrival huddle for every transfer, not just the ones that sound sick.",
                "Say the plan out loud before the patient arrives, and give everyone one job.",
            ],
            "insights": "A short huddle before a transfer arrives, one job for each person, and each bundle step read aloud kept the team calm and fast. Having the pharmacist at the bedside from the start meant the first antibiotic was both early and the right one.",
        },
    },
    {
        "slug": "a-timely-de-escalation",
        "hospital": "saltmeadow",
        "kind": "team",
        "recognized_name": "Antimicrobial stewardship pharmacist and medical ward team",
        "recognized_email": "stewardship@example.org",
        "unit": "medical ward",
        "themes": ["de-escalation", "antimicrobial-stewardship"],
        "named": False,
        "what": "At the 48-hour antibiotic review, the stewardship pharmacist and the ward physician went through the culture results together at the bedside, narrowed a broad combination to a single targeted antibiotic, and planned the switch to tablets with the patient.",
        "why": "The patient left hospital two days sooner than expected, on the right antibiotic for the right length of time. The ward has since made the joint 48-hour review part of its daily round.",
        "title": "A timely de-escalation at the 48-hour review",
        "summary": "A pharmacist and a ward physician reviewed cultures together at 48 hours and narrowed antibiotics safely.",
        "recognized": "A stewardship pharmacist and a medical ward team",
    },
]

# Awaiting moderation, for staff to try the admin's moderation.
PENDING = {
    "hospital": "wrenfield",
    "kind": "person",
    "recognized_name": "Jamie Cho, EMS paramedic",
    "recognized_email": "jamie.cho@example.org",
    "unit": "ambulance service",
    "themes": ["time-zero"],
    "what": "The paramedic called a sepsis alert from the ambulance, with the vital signs and the screening result, so the emergency team was waiting at the door.",
    "why": "Cultures and antibiotics started within minutes of arrival; the alert set time zero before the patient reached the hospital.",
}
