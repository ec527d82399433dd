"""The demonstration events' text, written for this project: a monthly learning session for
member teams and a public "working together" day on the state's sepsis guidance."""

INDEX = {
    "slug": "events",
    "title": "Events and learning sessions",
    "introduction": (
        "Member teams learn from each other at the monthly learning session, and everyone is "
        "welcome at the consortium's open events. Register for a place, add it to your calendar, "
        "and find the slides and recordings of past sessions here."
    ),
}

SERIES = {
    "slug": "monthly-learning-session",
    "title": "Monthly learning session",
    "summary": (
        "One hour on the second Tuesday of each month: two member teams show what they changed "
        "in their last improvement cycle, and everyone brings a question."
    ),
    "description": (
        "<p>Each month two teams from member hospitals, nursing facilities or emergency medical "
        "services walk through one improvement cycle: what they planned, what happened at the "
        "bedside, what the run chart showed and what they will try next. The rest of the hour "
        "is for questions and for agreeing what to test before the next session.</p>"
        "<p>Sessions are online. Recordings and slides are kept here for member "
        "organizations.</p>"
    ),
    "agenda": [
        ("12:00", "Welcome and the month's collaborative figures", ""),
        ("12:10", "Team presentations", "Two teams, 15 minutes each, with time for questions."),
        ("12:45", "Open questions and what we test next", ""),
    ],
    "topics": ["data-measurement", "treatment-bundles"],
    "capacity": 60,
}

# Past sessions' titles and materials, most recent first.
PAST_SESSIONS = [
    {
        "title": "Antibiotics within the hour: pharmacy at the bedside",
        "slides": "Antibiotics within the hour: slides",
        "recording": "https://video.example.org/learning-session/antibiotics-within-the-hour",
        "toolkits": ["ed-sepsis-recognition-time-zero", "antibiotic-timeout-de-escalation"],
    },
    {
        "title": "Finding time zero in the chart",
        "slides": "Finding time zero: slides",
        "recording": "https://video.example.org/learning-session/finding-time-zero",
        "toolkits": ["ed-sepsis-recognition-time-zero", "sepsis-data-measurement-guide"],
    },
    {
        "title": "Screening at triage in a small emergency department",
        "slides": "Screening at triage: slides",
        "recording": "https://video.example.org/learning-session/screening-at-triage",
        "toolkits": [],
    },
]

NEXT_SESSION_TITLE = "De-escalation after cultures return"

SLIDES_TEXT = {
    "language": "en-us",
    "intro": "Slides of the consortium's monthly learning session, shared with member teams.",
    "sections": [
        (
            "What the team changed",
            [
                "- A shared definition of time zero, agreed by nursing and medical staff.",
                "- Antibiotics kept in the department, prepared by a pharmacist on shift.",
            ],
        ),
        (
            "What the run chart showed",
            ["Six points in a row above the median after the change: a shift, not chance."],
        ),
        ("What the team tests next", ["Weekend shifts, with the same checklist."]),
    ],
}

SPEAKERS = [
    ("Maria Alvarez", "Emergency nurse manager", "hospital-association"),
    ("Sam Whitfield", "Quality improvement lead", "league-of-community-health-centers"),
]

WORKING_TOGETHER = {
    "slug": "working-together-sepsis-guidance",
    "title": "Working together on the state's sepsis guidance",
    "summary": (
        "An open day for clinicians, paramedics, families and survivors: what the new "
        "guidance asks of each of us, and how to put it into practice."
    ),
    "description": (
        "<p>The consortium's first open day brings together everyone who meets sepsis: "
        "emergency and ward staff, paramedics, home care teams, public health, and the people "
        "and families who have lived through it. The morning explains what changed in the "
        "guidance; the afternoon is spent in small groups working out what it means for each "
        "setting.</p><p>Presentations and a short evaluation of the day will be published "
        "here afterwards.</p>"
    ),
    "agenda": [
        ("9:30", "Arrival and coffee", ""),
        ("10:00", "What changed in the guidance, and why", ""),
        ("11:00", "A survivor's story", ""),
        (
            "13:00",
            "Working groups by care setting",
            "Emergency departments, wards, EMS, home care.",
        ),
        ("15:00", "What we do next, together", ""),
    ],
    "speakers": [
        ("Dr. Helen Park", "Emergency physician, guidance panel chair", "hospital-association"),
        ("Luis Ortega", "Sepsis survivor and advocate", "sepsis-survivors-network"),
        ("Ann Kowalski", "Paramedic supervisor", "office-of-emergency-medical-services"),
    ],
    "topics": ["recognition-screening", "education"],
    "location": "Worcester Conference Center, 50 Foster Street, Worcester, MA",
    "capacity": 120,
    "spanish": {
        "title": "Trabajar juntos en la guía estatal sobre la sepsis",
        "summary": (
            "Una jornada abierta para profesionales clínicos, paramédicos, familias y "
            "sobrevivientes: qué nos pide la nueva guía y cómo ponerla en práctica."
        ),
        "description": (
            "<p>La primera jornada abierta del consorcio reúne a todas las personas que se "
            "enfrentan a la sepsis: personal de urgencias y de planta, paramédicos, equipos de "
            "atención domiciliaria, salud pública y quienes la han vivido junto a sus familias. "
            "Por la mañana se explica qué cambió en la guía; por la tarde se trabaja en grupos "
            "pequeños sobre lo que significa en cada ámbito.</p>"
        ),
    },
}
