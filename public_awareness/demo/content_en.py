"""English demonstration content of the public awareness pages.

Written for this project in plain language (aiming at grade 8 or lower). The medical
facts follow public health guidance on sepsis; no sentence is copied from elsewhere.
Each page is a dict of page fields with `body` in StreamField form.
"""

HELP_MNEMONIC = {
    "heading": "Think sepsis? Ask for HELP",
    "introduction": "These four letters can help you remember the signs.",
    "letters": [
        {
            "letter": "H",
            "word": "Hot or cold",
            "explanation": "A high fever, or a body that feels cold, clammy or shivery.",
        },
        {
            "letter": "E",
            "word": "Extreme pain",
            "explanation": "Pain or discomfort that is the worst they have ever had.",
        },
        {
            "letter": "L",
            "word": "Lost or confused",
            "explanation": "Confused, very sleepy, hard to wake or not making sense.",
        },
        {
            "letter": "P",
            "word": "Panting",
            "explanation": "Breathing very fast or feeling short of breath, often with a racing heart.",
        },
    ],
}

EMERGENCY_CALLOUT = {
    "level": "emergency",
    "heading": "Call 911 now if someone with an infection has any of these signs",
    "text": (
        "<ul><li>They are confused, very sleepy or hard to wake up.</li>"
        "<li>They are breathing very fast or struggling to breathe.</li>"
        "<li>Their skin, lips or tongue look blue, gray, pale or blotchy.</li>"
        "<li>They have a rash that does not fade when you press a glass on it.</li>"
        "<li>They say they feel like they might die.</li></ul>"
    ),
    "show_call_button": True,
}

INDEX = {
    "slug": "sepsis",
    "title": "Sepsis: what everyone should know",
    "introduction": (
        "Sepsis is a medical emergency. It happens when the body's fight against an "
        "infection starts to harm its own organs. Fast treatment saves lives."
    ),
    "body": [
        ("callout", EMERGENCY_CALLOUT),
        (
            "paragraph",
            (
                "<p>Anyone can get sepsis. It can start from any infection, even a small cut, "
                "the flu or a bladder infection. Read the signs, learn how to lower the risk, "
                "and find help for life after sepsis.</p>"
            ),
        ),
    ],
}

# Searches that show the symptom guide as the promoted result, above the rest.
GUIDE_PROMOTED_FOR = ("sepsis symptoms", "symptoms of sepsis", "signs of sepsis", "is it sepsis")
GUIDE_PROMOTION_DESCRIPTION = (
    "The signs of sepsis in adults, children and babies, and when to call 911."
)

GUIDE = {
    "slug": "know-the-signs",
    "title": "Sepsis: know the signs",
    "introduction": (
        "Sepsis is the body's extreme reaction to an infection, and it can kill within "
        "hours. Some people call it blood poisoning or septicemia. If you think someone has "
        "sepsis, call 911 or go to the emergency room now."
    ),
    "body": [
        ("callout", EMERGENCY_CALLOUT),
        (
            "symptom_list",
            {
                "audience": "adult",
                "heading": "Signs of sepsis in adults",
                "introduction": "Look for these signs in someone who has an infection or was sick recently.",
                "signs": [
                    {
                        "sign": "Fever, or feeling very cold and shivering",
                        "detail": "Older adults may not get a fever at all.",
                    },
                    {"sign": "A fast heartbeat"},
                    {"sign": "Fast breathing or shortness of breath"},
                    {"sign": "Confusion, or being very sleepy or hard to wake"},
                    {"sign": "Very bad pain or feeling very unwell"},
                    {"sign": "Clammy, sweaty or blotchy skin"},
                    {"sign": "Passing little or no urine (pee) for a day"},
                ],
                "note": "Someone with sepsis may not have all of these signs.",
            },
        ),
        (
            "symptom_list",
            {
                "audience": "child",
                "heading": "Signs of sepsis in children and babies",
                "introduction": "Children can get sick very fast. Call 911 if a child or baby:",
                "signs": [
                    {"sign": "Is breathing very fast, grunting or pausing between breaths"},
                    {"sign": "Is floppy, very sleepy or hard to wake"},
                    {"sign": "Has a seizure (fit)"},
                    {"sign": "Has skin that looks blue, gray, pale or blotchy"},
                    {"sign": "Has a rash that does not fade when you press a glass on it"},
                    {"sign": "Is cold to touch, even with a fever"},
                    {"sign": "Has not had a wet diaper or passed urine for 12 hours"},
                    {
                        "sign": "Is a baby under 3 months with a temperature of 100.4°F (38°C) or more"
                    },
                ],
                "note": "Trust your instinct. You know your child best.",
            },
        ),
        ("heading", {"text": "Signs on brown and black skin", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Changes in skin color can be harder to see on brown and black skin. Look "
                "at the lips, the tongue, the inside of the eyelids, the palms of the hands and "
                "the soles of the feet. If they look blue, gray or very pale, call 911.</p>"
            ),
        ),
        ("mnemonic", HELP_MNEMONIC),
        ("heading", {"text": "Who is at higher risk", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Anyone can get sepsis, but the risk is higher for:</p>"
                "<ul><li>babies under one year old</li>"
                "<li>adults aged 65 or older</li>"
                "<li>people with a long-term illness, such as diabetes, lung disease, kidney "
                "disease or cancer</li>"
                "<li>people with a weak immune system</li>"
                "<li>people who had sepsis before, or who were in the hospital recently</li></ul>"
            ),
        ),
        ("heading", {"text": "How to lower the risk", "level": "h2"}),
        (
            "paragraph",
            (
                "<ul><li>Get the vaccines your doctor or nurse advises, such as flu, COVID-19 "
                "and pneumonia vaccines.</li>"
                "<li>Wash your hands with soap and water often.</li>"
                "<li>Clean cuts and scrapes, and keep them covered until they heal.</li>"
                "<li>Get care quickly for an infection that is not getting better.</li>"
                "<li>Take antibiotics exactly as you were told.</li></ul>"
            ),
        ),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "Ask: could this be sepsis?",
                "text": (
                    "<p>When you talk to a doctor, nurse or 911, say that the person has an "
                    "infection and ask: <b>“Could this be sepsis?”</b> Say what has changed and "
                    "how fast.</p>"
                ),
                "show_call_button": False,
            },
        ),
        (
            "faq",
            {
                "heading": "Questions people ask",
                "questions": [
                    {
                        "question": "Is sepsis contagious?",
                        "answer": "<p>No. Sepsis itself does not spread from person to person. "
                        "Some infections that lead to sepsis can spread, so wash your hands.</p>",
                    },
                    {
                        "question": "How is sepsis treated?",
                        "answer": "<p>In the hospital, care teams give antibiotics and fluids fast. "
                        "Some people need help to breathe or to keep their blood pressure up.</p>",
                    },
                    {
                        "question": "What is life like after sepsis?",
                        "answer": "<p>Many people get better fully. Some feel tired, weak, worried "
                        "or have trouble sleeping for months. Help is there for you.</p>",
                    },
                ],
            },
        ),
        (
            "callout",
            {
                "level": "information",
                "heading": "Life after sepsis",
                # A page link the loader resolves once "Life after sepsis" exists (loader.py).
                "text": (
                    "<p>If you or someone you love had sepsis, you are not alone. Read our "
                    '<a linktype="page" id="{life_after}">page on recovery</a> for survivors '
                    "and families.</p>"
                ),
                "show_call_button": False,
            },
        ),
    ],
}

LIFE_AFTER = {
    "slug": "life-after-sepsis",
    "title": "Life after sepsis",
    "introduction": (
        "Most people survive sepsis. Getting better can take time. This page is for "
        "survivors and the people who care for them."
    ),
    "body": [
        ("heading", {"text": "What you may feel", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>After sepsis, many people feel very tired and weak for weeks or months. "
                "Some have trouble sleeping, bad dreams, low mood or worry. Some find it hard "
                "to think clearly or to remember things. These problems are common. They often "
                "get better with time.</p>"
            ),
        ),
        ("heading", {"text": "Things that help", "level": "h2"}),
        (
            "paragraph",
            (
                "<ul><li>Rest, and add a little more activity each week.</li>"
                "<li>Eat well and drink enough water.</li>"
                "<li>Write down questions for your doctor before each visit.</li>"
                "<li>Talk to people you trust about how you feel.</li>"
                "<li>Ask if a rehab program or a support group is right for you.</li></ul>"
            ),
        ),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "Sepsis can happen again",
                "text": (
                    "<p>Having sepsis once raises the chance of getting it again. If you get an "
                    "infection, get care quickly and ask: could this be sepsis?</p>"
                ),
                "show_call_button": False,
            },
        ),
        ("heading", {"text": "For families and caregivers", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Caring for someone after sepsis is hard work. Take care of yourself too. "
                "Ask the care team what to expect, and who to call if things change.</p>"
            ),
        ),
    ],
}

PREVENTION = {
    "slug": "preventing-infections",
    "title": "Preventing infections",
    "introduction": (
        "Most sepsis starts with an infection. Simple habits lower the chance of an "
        "infection, and of sepsis."
    ),
    "body": [
        ("heading", {"text": "Wash your hands", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Wash with soap and water for at least 20 seconds, before you eat and after "
                "you use the toilet, change a diaper or care for someone who is sick. Use hand "
                "sanitizer when you cannot wash.</p>"
            ),
        ),
        ("heading", {"text": "Stay up to date on vaccines", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Vaccines protect against infections such as flu, COVID-19 and pneumonia "
                "that can lead to sepsis. Ask your doctor, nurse or pharmacist which ones you "
                "need.</p>"
            ),
        ),
        ("heading", {"text": "Care for cuts and wounds", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Clean cuts and scrapes with clean water, and keep them covered. See a doctor "
                "or nurse if a wound gets red, swollen, hot or painful, or starts to leak pus.</p>"
            ),
        ),
        ("heading", {"text": "Manage long-term health problems", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>If you have diabetes, lung disease or another long-term illness, keep it "
                "under control and go to your check-ups.</p>"
            ),
        ),
    ],
}

CAREGIVERS_EMERGENCY = {
    "level": "emergency",
    "heading": "Call 911 now if a child",
    "text": (
        "<ul><li>is floppy, very sleepy or hard to wake</li>"
        "<li>is breathing very fast, grunting or has pauses in breathing</li>"
        "<li>has a seizure (fit)</li>"
        "<li>has blue, gray, pale or blotchy skin, lips or tongue</li>"
        "<li>has a rash that does not fade when you press a glass on it</li>"
        "<li>feels cold to the touch, even with a fever</li>"
        "<li>has not had a wet diaper or peed for 12 hours</li>"
        "<li>is a baby under 3 months old with a temperature of 100.4°F (38°C) or more</li></ul>"
        "<p>See all the signs in children and babies, and what to look for on brown and black "
        'skin, on our page <a linktype="page" id="{guide}">Sepsis: know the signs</a>.</p>'
    ),
    "show_call_button": True,
}

CAREGIVERS = {
    "slug": "for-childrens-caregivers",
    "title": "For parents and children's caregivers",
    "introduction": (
        "Babies and young children cannot always tell you how they feel. Here is what to "
        "watch for and when to get help."
    ),
    "body": [
        ("callout", CAREGIVERS_EMERGENCY),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "Get medical help today if a child",
                "text": (
                    "<ul><li>has a fever and is not getting better</li>"
                    "<li>is not eating or drinking as usual</li>"
                    "<li>has fewer wet diapers than usual</li>"
                    "<li>has an infection that looks worse</li></ul>"
                ),
                "show_call_button": False,
            },
        ),
        ("heading", {"text": "Trust your instinct", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>You know your child best. If your child seems very unwell, or much worse "
                "than before, get help even if you are not sure why. Ask: could this be "
                "sepsis?</p>"
            ),
        ),
    ],
}

# Blocks an earlier version of the demo wrote, and what replaces each: a database loaded
# before keeps the old block until the loader swaps it (only if no editor has changed it).
# The first emergency callout listed 4 of the 8 signs the symptom guide gives for children.
CAREGIVERS["earlier_blocks"] = [
    (
        (
            "callout",
            {
                "level": "emergency",
                "heading": "Call 911 now if a child",
                "text": (
                    "<ul><li>is floppy, very sleepy or hard to wake</li>"
                    "<li>is breathing very fast or grunting</li>"
                    "<li>has blue, gray, pale or blotchy skin, lips or tongue</li>"
                    "<li>has a rash that does not fade when you press a glass on it</li></ul>"
                ),
                "show_call_button": True,
            },
        ),
        ("callout", CAREGIVERS_EMERGENCY),
    )
]

ARTICLES = [LIFE_AFTER, PREVENTION, CAREGIVERS]

# The home page's headline button leads to the symptom guide; the portal's demo first pointed
# it at the About page, which becomes the quieter second link.
HOME = {
    "hero_link_text": "Could this be sepsis? Know the signs",
    "hero_secondary_link_text": "About the consortium",
}
