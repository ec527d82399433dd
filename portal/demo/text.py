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
