# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Words and people of the demonstration work groups, written for this project.

The people are fictional and their addresses are at example.org. Everyone below can log in with
DEMO_PASSWORD (documented in the README, demo only). Organizations are the demo member
directory's, by slug; a person whose organization is missing is simply left without one.
"""

# One password for every demo account (portal's): demo only, never used outside the demo site.
from portal.demo.text import DEMO_PASSWORD  # noqa: F401

INDEX = {
    "slug": "work-groups",
    "title": "Work groups",
    "introduction": (
        "Clinicians and staff from member organizations write the consortium's tools together "
        "in work groups. Each group has a charge, chairs who lead it, and a private space where "
        "members draft, meet and share files."
    ),
}

# key: (e-mail, first name, last name, organization slug, job title)
PEOPLE = {
    "maria": (
        "maria.alvarez@example.org",
        "Maria",
        "Alvarez",
        "hospital-association",
        "Emergency nurse manager",
    ),
    "james": (
        "james.oconnor@example.org",
        "James",
        "O'Connor",
        "hospital-association",
        "Emergency physician",
    ),
    "priya": (
        "priya.raman@example.org",
        "Priya",
        "Raman",
        "office-of-emergency-medical-services",
        "Paramedic supervisor",
    ),
    "david": (
        "david.chen@example.org",
        "David",
        "Chen",
        "association-of-health-plans",
        "Quality analyst",
    ),
    "grace": (
        "grace.thompson@example.org",
        "Grace",
        "Thompson",
        "senior-care-association",
        "Director of nursing",
    ),
    "luis": (
        "luis.fernandes@example.org",
        "Luis",
        "Fernandes",
        "home-care-alliance",
        "Home health clinical manager",
    ),
    "helen": (
        "helen.brooks@example.org",
        "Helen",
        "Brooks",
        "executive-office-of-elder-affairs",
        "Program manager",
    ),
    "samuel": (
        "samuel.wright@example.org",
        "Samuel",
        "Wright",
        "sepsis-survivors-network",
        "Survivor advocate",
    ),
    "ana": (
        "ana.silva@example.org",
        "Ana",
        "Silva",
        "patient-and-family-advisory-council",
        "Family advisor",
    ),
    "kevin": (
        "kevin.nguyen@example.org",
        "Kevin",
        "Nguyen",
        "department-of-public-health",
        "Health educator",
    ),
    # Consortium staff (Wagtail's Moderators): give consortium approval and promote drafts.
    "rachel": ("rachel.goldberg@example.org", "Rachel", "Goldberg", "", "Consortium coordinator"),
    # In no work group: sees the public list, not the spaces.
    "pat": (
        "pat.jones@example.org",
        "Pat",
        "Jones",
        "league-of-community-health-centers",
        "Practice manager",
    ),
}
STAFF = ["rachel"]

GROUPS = [
    {
        "name": "Emergency Department Recognition",
        "slug": "emergency-department-recognition",
        "charge": "Agree how emergency departments and EMS crews screen for sepsis at triage and hand over patients with suspected sepsis, and write the tools that make it routine.",
        "chairs": ["maria"],
        "members": ["james", "priya", "luis"],
        "observers": ["david"],
        "welcome": "<p>Welcome. We meet every other Tuesday. The current draft is the triage screening tool: read it and comment on it in <b>Drafts</b>.</p>",
    },
    {
        "name": "Post-Acute and Long-Term Care",
        "slug": "post-acute-and-long-term-care",
        "charge": "Help nursing homes, home health agencies and rehabilitation facilities spot sepsis early and send residents to hospital in time, with clear escalation tools for every shift.",
        "chairs": ["grace"],
        "members": ["luis"],
        "observers": ["helen"],
        "welcome": "<p>Our first tool is a Stop and Watch card for nursing assistants.</p>",
    },
    {
        "name": "Public Awareness and Survivors",
        "slug": "public-awareness-and-survivors",
        "charge": "Bring survivors' and families' voices into the consortium's public campaigns, and write plain-language material on the signs of sepsis and life after it.",
        "chairs": ["samuel"],
        "members": ["ana", "kevin"],
        "observers": [],
        "welcome": "<p>Share stories only with the teller's written consent (see Files).</p>",
    },
]

# Drafts: each revision is (author, summary, body blocks); comments are (author, field, text,
# replies); "review" is how far through the workflow the draft has gone: None (not submitted),
# "group" (in work group review) or "approved" (both steps passed: live in the space).
DRAFTS = {
    "emergency-department-recognition": [
        {
            "slug": "triage-sepsis-screening-tool",
            "title": "Triage sepsis screening tool",
            "revisions": [
                (
                    "maria",
                    "A one-page screen for adult patients at ED triage.",
                    [
                        ("heading", {"text": "Who to screen", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Every adult patient with a suspected or confirmed infection.</p>",
                        ),
                    ],
                ),
                (
                    "james",
                    "A one-page screen for adult patients at ED triage, with the action to take on a positive screen.",
                    [
                        ("heading", {"text": "Who to screen", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Every adult patient with a suspected or confirmed infection, including those brought in by EMS.</p>",
                        ),
                        ("heading", {"text": "Positive screen", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Two or more of: temperature above 38.3 °C or below 36 °C, heart rate above 90, respiratory rate above 20, new confusion. Tell the charge nurse and the physician at once.</p>",
                        ),
                    ],
                ),
                (
                    "priya",
                    "A one-page screen for adult patients at ED triage, with the action to take on a positive screen and the EMS prenotification it builds on.",
                    [
                        ("heading", {"text": "Who to screen", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Every adult patient with a suspected or confirmed infection, including those brought in by EMS.</p>",
                        ),
                        ("heading", {"text": "Positive screen", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Two or more of: temperature above 38.3 °C or below 36 °C, heart rate above 90, respiratory rate above 20, new confusion. Tell the charge nurse and the physician at once, and record the time of the positive screen: it is time zero.</p>",
                        ),
                        (
                            "summary_box",
                            {
                                "heading": "When EMS called ahead",
                                "text": "<p>A crew's sepsis alert counts as a positive screen: go straight to the physician.</p>",
                            },
                        ),
                    ],
                ),
            ],
            "comments": [
                (
                    "james",
                    "summary",
                    'Should we say what "adult" means here? Our pediatric ED uses 18.',
                    [("maria", "Yes: 18 and over, I will add it.")],
                ),
                (
                    # Observers read drafts but do not comment: the demo keeps to the roles.
                    "james",
                    "title",
                    "Payers will ask whether this replaces the qSOFA screen. Worth a line?",
                    [],
                ),
                (
                    "priya",
                    "summary",
                    "EMS crews would like the alert wording to match ours exactly.",
                    [],
                ),
            ],
            "review": "group",
        },
        {
            "slug": "ems-to-ed-sepsis-handoff",
            "title": "EMS to ED sepsis handoff",
            "revisions": [
                (
                    "priya",
                    "What crews say when they hand over a patient with suspected sepsis.",
                    [
                        (
                            "paragraph",
                            '<p>Say "sepsis alert", the time symptoms began, the vital signs and any fluids given.</p>',
                        ),
                    ],
                ),
                (
                    "priya",
                    "What crews say, and what the receiving nurse confirms, when a patient with suspected sepsis is handed over.",
                    [
                        ("heading", {"text": "The crew says", "level": "h2"}),
                        (
                            "paragraph",
                            '<p>"Sepsis alert", when symptoms began, the latest vital signs, fluids and oxygen given, and allergies.</p>',
                        ),
                        ("heading", {"text": "The nurse confirms", "level": "h2"}),
                        (
                            "paragraph",
                            "<p>Repeat the time symptoms began and the alert; record the arrival time as the screen time.</p>",
                        ),
                    ],
                ),
            ],
            "comments": [
                ("maria", "title", "Approved at our March meeting; ready for the consortium.", [])
            ],
            "review": "approved",
        },
    ],
    "post-acute-and-long-term-care": [
        {
            "slug": "stop-and-watch-for-sepsis",
            "title": "Stop and Watch for sepsis",
            "revisions": [
                (
                    "luis",
                    "A pocket card for nursing assistants: changes in a resident that could be sepsis, and who to tell.",
                    [
                        (
                            "paragraph",
                            "<p>Seems different than usual, talks or communicates less, eats less, new confusion, feels hot or cold: stop, watch and tell the nurse.</p>",
                        ),
                    ],
                ),
            ],
            "comments": [
                ("grace", "summary", "Can we add a line for residents who cannot speak?", [])
            ],
            "review": None,
        },
    ],
    "public-awareness-and-survivors": [],
}

MEETINGS = {
    # (title, days from today (negative: past), hour, minutes long, location, agenda, minutes, attended)
    "emergency-department-recognition": [
        (
            "Triage screening: first draft review",
            -14,
            10,
            60,
            "Video call",
            "1. Welcome and introductions\n2. The triage screening tool: first draft\n3. EMS prenotification wording\n4. Next steps",
            "Present: Maria Alvarez (chair), James O'Connor, Priya Raman, David Chen.\n\nThe group agreed to screen every adult with a suspected infection. James will add the action on a positive screen; Priya will add the EMS alert. Submit for work group review once both are in.",
            ["maria", "james", "priya", "david"],
        ),
        (
            "Triage screening: review and vote",
            14,
            10,
            60,
            "Video call",
            "1. Comments on the triage screening tool\n2. Vote to send it for consortium approval\n3. Handoff tool: feedback from crews",
            "",
            [],
        ),
    ],
    "post-acute-and-long-term-care": [
        (
            "Kick-off",
            -7,
            14,
            45,
            "Senior Care Association, Newton, conference room B",
            "1. The group's charge\n2. What nursing homes use today\n3. Choosing our first tool",
            "The group chose a Stop and Watch card for nursing assistants as its first tool. Luis will write the first draft.",
            ["grace", "luis", "helen"],
        ),
    ],
    "public-awareness-and-survivors": [
        (
            "Survivor stories for Sepsis Awareness Month",
            21,
            18,
            60,
            "Video call",
            "1. Stories collected so far\n2. Consent and privacy\n3. Which stories go on the awareness pages",
            "",
            [],
        ),
    ],
}

THREADS = {
    # (title, [(author, text), ...])
    "emergency-department-recognition": [
        (
            "Temperature thresholds in the screen",
            [
                (
                    "james",
                    "Should the screen use 38.3 °C or 38.0 °C? The 2021 guidelines do not pick one, and our triage nurses are used to 38.0.",
                ),
                (
                    "maria",
                    "Let's keep 38.3 to match the hospital's early-warning score; we can say so in the rationale.",
                ),
                (
                    "priya",
                    "Crews use 38.0 on the EMS screen. Either is fine if the handoff says which one was used. See https://www.cdc.gov/sepsis/ for the public wording.",
                ),
                (
                    "james",
                    "Fair: 38.3 in the ED tool, and the handoff tool names the crew's reading.",
                ),
            ],
        ),
    ],
    "post-acute-and-long-term-care": [
        (
            "Night shift escalation",
            [
                (
                    "grace",
                    "Who does a nursing assistant call at night when the nurse is on another unit?",
                ),
                (
                    "luis",
                    "In home health it is the on-call nurse line; the card could leave a blank for each facility's number.",
                ),
            ],
        ),
    ],
    "public-awareness-and-survivors": [
        (
            "Consent form for stories",
            [
                (
                    "samuel",
                    "I have put a draft consent form in Files. Please read it before Thursday.",
                ),
                (
                    "ana",
                    "Families asked that a story can be withdrawn at any time. Could the form say so plainly?",
                ),
                (
                    "kevin",
                    "The department's plain-language checklist could help here; I will share it.",
                ),
            ],
        ),
    ],
}

# Shared files: (title, [(format, author, note, document key), ...] one entry per version)
FILES = {
    "emergency-department-recognition": [
        (
            "Triage screening tool: wording options",
            [
                ("pdf", "maria", "First wording options", "wording-v1"),
                ("pdf", "james", "Positive screen actions added", "wording-v2"),
            ],
        ),
        ("Literature summary: screening at triage", [("docx", "james", "", "literature")]),
    ],
    "post-acute-and-long-term-care": [
        ("Stop and Watch card: layout sketch", [("pdf", "luis", "", "stop-and-watch")]),
    ],
    "public-awareness-and-survivors": [
        ("Story consent form (draft)", [("docx", "samuel", "", "consent")]),
    ],
}

# The text of each generated file (documents.demo_files renders it as PDF or Word).
DOCUMENTS = {
    "wording-v1": {
        "title": "Triage screening tool: wording options (v1)",
        "intro": "Working document of the Emergency Department Recognition work group. Not for use in patient care.",
        "sections": [
            ("Option A", ["Screen every adult with a suspected infection at triage."]),
            (
                "Option B",
                ["Screen every adult at triage; ask about infection as part of the screen."],
            ),
        ],
    },
    "wording-v2": {
        "title": "Triage screening tool: wording options (v2)",
        "intro": "Working document of the Emergency Department Recognition work group. Not for use in patient care.",
        "sections": [
            ("Option A (preferred)", ["Screen every adult with a suspected infection at triage."]),
            (
                "On a positive screen",
                [
                    "- Tell the charge nurse and the physician at once.",
                    "- Record the time: it is time zero.",
                ],
            ),
        ],
    },
    "literature": {
        "title": "Literature summary: screening at triage",
        "intro": "A short summary of what published studies say about sepsis screening at emergency department triage.",
        "sections": [
            (
                "Findings",
                [
                    "Screening tools find more patients early; their accuracy varies with the threshold used.",
                    "Any tool works best with a clear action on a positive screen.",
                ],
            ),
        ],
    },
    "stop-and-watch": {
        "title": "Stop and Watch for sepsis: layout sketch",
        "intro": "Front: the changes to watch for. Back: who to tell, with a blank for the facility's number.",
        "sections": [
            (
                "Watch for",
                [
                    "- Seems different than usual",
                    "- Eats or drinks less",
                    "- New confusion",
                    "- Feels hot or cold",
                ],
            )
        ],
    },
    "consent": {
        "title": "Story consent form (draft)",
        "intro": "For survivors and families who share their story with the consortium.",
        "sections": [
            (
                "What we will do",
                [
                    "Use your story on the consortium's awareness pages and materials, with the name you choose."
                ],
            ),
            ("Your choices", ["You may withdraw your story at any time by writing to us."]),
        ],
    },
    "minutes": {
        "title": "Meeting notes",
        "intro": "Notes of a work group meeting, shared with its members.",
        "sections": [("Actions", ["- Update the draft", "- Share it before the next meeting"])],
    },
}
