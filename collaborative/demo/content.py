# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Words and numbers of the demonstration collaborative, written for this project.

Ten fictional Massachusetts hospitals (the names, towns and people are invented; the towns do
not exist) report two measure sets shaped on a published pediatric sepsis collaborative: first
assessment on time rising from about 46% to 60%, first fluid bolus on time from 38% to 46%, and
30-day mortality in severe sepsis and septic shock falling from 11% to 3% (3-day from 4% to 1%).
The months are counted from the first of the 24 the demo holds (month 0) to the last complete
month before the day it is loaded (month 23). Pure data: no Django.
"""

from portal.demo.text import DEMO_PASSWORD  # noqa: F401  (the accounts below log in with it)

# Randomness is drawn from this seed, one stream a site: the same demo on every load, whatever
# the date. Of the seeds tried, this one's chance variation leaves the pooled quarters closest to
# the published figures (another seed gives the same shape, a point or two off).
SEED = 953
MONTHS = 24

CATEGORY = {
    "slug": "hospitals",
    "name": "Hospitals",
    "description": "Acute care hospitals, including those taking part in the improvement collaborative.",
}

# The public results page (below the English home page): the pooled charts of the measures
# marked to publish, never a site's.
RESULTS_PAGE = {
    "slug": "collaborative",
    "title": "Improvement collaborative results",
    "introduction": (
        "Hospitals in the consortium's improvement collaborative report how quickly patients "
        "with sepsis are assessed, given fluids and given antibiotics, and how many die within "
        "30 days. These charts pool every hospital's monthly figures; no hospital is shown on "
        "its own."
    ),
}

# People who log in with the demo password (README, "Demo accounts"): e-mail, first name, last
# name, job title. The data manager and the team member work at DEMO_SITE.
COACH = ("claire.whitfield@example.org", "Claire", "Whitfield", "Improvement coach")
DATA_MANAGER = ("nadia.haddad@example.org", "Nadia", "Haddad", "Quality data manager")
TEAM_MEMBER = ("owen.mcbride@example.org", "Owen", "McBride", "Emergency nurse educator")
DEMO_SITE = "WRENFIELD"

# Time zero: how a site sets sepsis onset (the categories of TIME-ZERO).
TIME_ZERO_METHODS = [
    ("arrival", "Arrival in the emergency department"),
    ("vitals", "First abnormal vital signs"),
    ("clinician", "A clinician's determination"),
    ("order-set", "Sepsis order set opened"),
    ("alert", "Best practice alert fired"),
    ("ews", "Early warning score at its threshold"),
]

# Each site: its hospital (directory entry), its size (sepsis patients a month, on average),
# how far its process measures start from the collaborative's (points), its mortality relative
# to the collaborative's, its share of patients with severe sepsis or septic shock, its age mix
# (under 18, 18 to 64, 65 and over), how it sets time zero, the month it joins, its data
# manager (who cannot log in, except DEMO_SITE's, above) and its tests of change (idea, month
# started, months it ran).
SITES = [
    {
        "code": "SALTMEADOW",
        "name": "Saltmeadow General Hospital",
        "city": "Saltmeadow",
        "description": "A fictional 420-bed teaching hospital with a pediatric emergency department, invented for the demonstration collaborative.",
        "size": 70,
        "offset": 6,
        "risk": 1.15,
        "severe_share": 0.42,
        "ages": (0.15, 0.37, 0.48),
        "time_zero": {"ews": 0.45, "alert": 0.35, "clinician": 0.2},
        "joins": 0,
        "data_manager": ("hannah.brennan@example.org", "Hannah", "Brennan"),
        "pdsa": [("ews-escalation", 3, 2), ("sepsis-huddle", 7, 2), ("timer", 13, 2)],
    },
    {
        "code": "PINEMOOR",
        "name": "Pinemoor Regional Medical Center",
        "city": "Pinemoor",
        "description": "A fictional 310-bed regional medical center, invented for the demonstration collaborative.",
        "size": 58,
        "offset": -4,
        "risk": 1.05,
        "severe_share": 0.38,
        "ages": (0.05, 0.40, 0.55),
        "time_zero": {"arrival": 0.8, "clinician": 0.2},
        "joins": 0,
        "data_manager": ("marcus.delgado@example.org", "Marcus", "Delgado"),
        "pdsa": [("triage-vitals", 4, 2), ("order-set", 8, 1), ("fluid-cart", 15, 2)],
    },
    {
        "code": "WRENFIELD",
        "name": "Wrenfield Community Hospital",
        "city": "Wrenfield",
        "description": "A fictional 160-bed community hospital, invented for the demonstration collaborative.",
        "size": 30,
        "offset": 0,
        "risk": 0.95,
        "severe_share": 0.36,
        "ages": (0.06, 0.39, 0.55),
        "time_zero": {"vitals": 0.6, "clinician": 0.4},
        "joins": 0,
        "data_manager": DATA_MANAGER[:3],
        "pdsa": [("feedback-cards", 3, 2), ("sepsis-huddle", 9, 1), ("abstraction", 17, 2)],
    },
    {
        "code": "KETTLECOVE",
        "name": "Kettlecove Hospital",
        "city": "Kettlecove",
        "description": "A fictional 25-bed rural hospital, invented for the demonstration collaborative.",
        "size": 9,
        "offset": -10,
        "risk": 1.2,
        "severe_share": 0.35,
        "ages": (0.07, 0.33, 0.60),
        "time_zero": {"arrival": 0.7, "clinician": 0.3},
        "joins": 0,
        "data_manager": ("ruth.pellerin@example.org", "Ruth", "Pellerin"),
        "pdsa": [("ems-prealert", 5, 2), ("fluid-cart", 12, 1)],
    },
    {
        "code": "ALDER-HOLLOW",
        "name": "Alder Hollow Hospital",
        "city": "Alder Hollow",
        "description": "A fictional 60-bed community hospital, invented for the demonstration collaborative.",
        "size": 12,
        "offset": 3,
        "risk": 0.9,
        "severe_share": 0.34,
        "ages": (0.08, 0.38, 0.54),
        "time_zero": {"clinician": 0.5, "vitals": 0.5},
        "joins": 0,
        "data_manager": ("isaac.mensah@example.org", "Isaac", "Mensah"),
        "pdsa": [("triage-vitals", 3, 1), ("push-pull", 10, 1), ("io-access", 14, 2)],
    },
    {
        "code": "QUILLBY",
        "name": "Quillby Memorial Hospital",
        "city": "Quillby",
        "description": "A fictional 140-bed community hospital, invented for the demonstration collaborative.",
        "size": 26,
        "offset": -6,
        "risk": 1.0,
        "severe_share": 0.37,
        "ages": (0.05, 0.38, 0.57),
        "time_zero": {"order-set": 0.65, "clinician": 0.35},
        "joins": 8,
        "data_manager": ("mei.takahashi@example.org", "Mei", "Takahashi"),
        "pdsa": [("triage-vitals", 10, 2), ("order-set", 14, 1), ("pharmacy-first-dose", 17, 2)],
    },
    {
        "code": "OSPREY-NECK",
        "name": "Osprey Neck Hospital",
        "city": "Osprey Neck",
        "description": "A fictional 45-bed hospital on the coast, invented for the demonstration collaborative.",
        "size": 11,
        "offset": 8,
        "risk": 0.85,
        "severe_share": 0.33,
        "ages": (0.03, 0.32, 0.65),
        "time_zero": {"arrival": 0.85, "clinician": 0.15},
        "joins": 0,
        "data_manager": ("colleen.doyle@example.org", "Colleen", "Doyle"),
        "pdsa": [("ems-prealert", 4, 1), ("timer", 11, 2)],
    },
    {
        "code": "BRAMBLEWOOD",
        "name": "Bramblewood Medical Center",
        "city": "Bramblewood",
        "description": "A fictional 190-bed medical center, invented for the demonstration collaborative.",
        "size": 34,
        "offset": 2,
        "risk": 1.0,
        "severe_share": 0.39,
        "ages": (0.06, 0.40, 0.54),
        "time_zero": {"alert": 0.6, "vitals": 0.25, "clinician": 0.15},
        "joins": 0,
        "data_manager": ("victor.almeida@example.org", "Victor", "Almeida"),
        "pdsa": [("bpa-tuning", 5, 1), ("fluid-cart", 9, 2), ("pharmacy-first-dose", 16, 2)],
    },
    {
        "code": "LARKSPUR-BAY",
        "name": "Larkspur Bay Hospital",
        "city": "Larkspur Bay",
        "description": "A fictional 120-bed community hospital, invented for the demonstration collaborative.",
        "size": 24,
        "offset": -8,
        "risk": 1.1,
        "severe_share": 0.38,
        "ages": (0.05, 0.37, 0.58),
        "time_zero": {"vitals": 0.7, "clinician": 0.3},
        "joins": 0,
        "data_manager": ("fatima.qureshi@example.org", "Fatima", "Qureshi"),
        "pdsa": [("feedback-cards", 6, 2), ("sepsis-huddle", 12, 1), ("timer", 18, 1)],
    },
    {
        "code": "MOSSGROVE",
        "name": "Mossgrove Valley Hospital",
        "city": "Mossgrove",
        "description": "A fictional 260-bed hospital serving a river valley, invented for the demonstration collaborative.",
        "size": 48,
        "offset": 0,
        "risk": 0.95,
        "severe_share": 0.40,
        "ages": (0.06, 0.41, 0.53),
        "time_zero": {"ews": 0.55, "clinician": 0.25, "order-set": 0.2},
        "joins": 0,
        "data_manager": ("eli.rosen@example.org", "Eli", "Rosen"),
        "pdsa": [("order-set", 3, 1), ("ews-escalation", 8, 2), ("pharmacy-first-dose", 13, 2)],
    },
]

# The scenarios: a site with a gap (months left unsubmitted) whose latest month is a draft,
# and a site that changes how it sets time zero (its timing measures shift when it does).
GAP = {"site": "WRENFIELD", "months": (14, 15, 16), "draft": MONTHS - 1}
# The measures a data manager has filled in so far in the draft month.
DRAFT_MEASURES = ("ASSESS-20", "TIME-ZERO", "SEVERE", "BOLUS1-15")
TIME_ZERO_CHANGE = {
    "site": "PINEMOOR",
    "month": 10,
    "time_zero": {"alert": 0.75, "clinician": 0.25},
    # Points added to the site's rates: the alert fires after arrival, so the clock starts later.
    "shift": {"ASSESS-20": 14, "BOLUS1-15": 9, "BOLUS3-60": 4, "ABX-60": 6},
    "description": "Time zero is now when the sepsis best practice alert fires, no longer arrival in the emergency department.",
}

# --- The measures ---------------------------------------------------------------------------

AGE_BANDS = {
    "name": "Age band",
    "strata": [("0-17", "Under 18"), ("18-64", "18 to 64"), ("65-plus", "65 and over")],
}

SEPSIS_AND_TIME_ZERO = (
    "<p><b>Who has sepsis.</b> A patient of any age with a suspected or confirmed infection and "
    "at least two of: a temperature above 38.0 °C or below 36.0 °C; a heart rate above 90 a "
    "minute; a breathing rate above 20 a minute; a white cell count above 12,000 or below 4,000 "
    "per microliter. For patients under 18, use the age-specific thresholds of the international "
    "pediatric sepsis consensus. <b>Severe sepsis</b> is sepsis with a new organ dysfunction (a "
    "systolic blood pressure below 90 mm Hg, a lactate above 2 mmol/L, new confusion, or low "
    "oxygen needing new support). <b>Septic shock</b> is low blood pressure that persists after "
    "the first fluid boluses, or that needs a vasopressor.</p>"
    "<p><b>Time zero</b> (sepsis onset) is the moment your site first recognized sepsis, set by "
    "the one method your site chose when it joined: arrival in the emergency department (for "
    "patients who arrive with sepsis), the first abnormal vital signs that meet the criteria, a "
    "clinician's documented determination, the opening of the sepsis order set, the best "
    "practice alert, or the early warning score reaching its threshold. Report the method each "
    "month (TIME-ZERO). If your site changes its method, tell your coach first: the change starts "
    "a new phase on your charts.</p>"
)

PROCESS_SET = {
    "name": "Sepsis recognition and treatment",
    "description": "How quickly patients with sepsis are assessed and treated, counted from time zero.",
    "sort_order": 0,
}
OUTCOME_SET = {
    "name": "Sepsis outcomes",
    "description": "How many patients had severe sepsis or septic shock, and how many of them died.",
    "sort_order": 1,
}

# Each measure: its fields, and its first operational definition and guidance (HTML).
MEASURES = [
    {
        "set": "process",
        "code": "ASSESS-20",
        "name": "First assessment with full vital signs within 20 minutes",
        "category": "process",
        "kind": "ratio",
        "direction": "up",
        "numerator_label": "Patients assessed with a full set of vital signs within 20 minutes of time zero",
        "denominator_label": "Patients with sepsis, severe sepsis or septic shock",
        "target": 80,
        "stratified": True,
        "publish_aggregate": True,
        "definition": (
            "<p><b>Denominator:</b> patients with sepsis, severe sepsis or septic shock whose "
            "time zero fell in the month, in the emergency department, the intensive care unit "
            "or the wards. Leave out patients transferred in after their sepsis was treated "
            "elsewhere.</p>"
            "<p><b>Numerator:</b> those whose first clinical assessment by a physician, advanced "
            "practice provider or nurse, with a full set of vital signs (temperature, heart rate, "
            "breathing rate, blood pressure, oxygen saturation and mental status), was "
            "documented within 20 minutes of time zero.</p>" + SEPSIS_AND_TIME_ZERO
        ),
        "guidance": (
            "<ul><li>Take time zero and the time of each vital sign from the record's time "
            "stamps, not from notes written afterwards.</li>"
            "<li>A set missing any one vital sign does not count, even if the rest were on "
            "time.</li>"
            "<li>Report each age band too: its patients add up to the month's totals.</li>"
            "<li>Abstract every eligible patient. If that is more than you can manage, talk to "
            "your coach before you sample.</li></ul>"
        ),
    },
    {
        "set": "process",
        "code": "BOLUS1-15",
        "name": "First fluid bolus within 15 minutes",
        "category": "process",
        "kind": "ratio",
        "direction": "up",
        "numerator_label": "Patients whose first crystalloid bolus started within 15 minutes of time zero",
        "denominator_label": "Patients with severe sepsis or septic shock who needed fluid resuscitation",
        "target": 60,
        "publish_aggregate": True,
        "definition": (
            "<p><b>Denominator:</b> patients with severe sepsis or septic shock whose time zero "
            "fell in the month and who needed fluid resuscitation (low blood pressure, poor "
            "perfusion, or a lactate of 4 mmol/L or more).</p>"
            "<p><b>Numerator:</b> those whose first crystalloid bolus (20 mL/kg for children; "
            "500 to 1,000 mL for adults) started within 15 minutes of time zero.</p>"
            + SEPSIS_AND_TIME_ZERO
        ),
        "guidance": (
            "<ul><li>Take the start time from the medication administration record or the "
            "pump, not the order.</li>"
            "<li>A full bolus that paramedics started before arrival counts as on time.</li>"
            "<li>A bolus ordered but never started does not count.</li></ul>"
        ),
    },
    {
        "set": "process",
        "code": "BOLUS3-60",
        "name": "Third fluid bolus within 60 minutes",
        "category": "process",
        "kind": "ratio",
        "direction": "up",
        "numerator_label": "Patients whose third bolus was complete within 60 minutes of time zero",
        "denominator_label": "Patients with septic shock who received three or more boluses",
        "target": None,
        "publish_aggregate": False,
        "definition": (
            "<p><b>Denominator:</b> patients with septic shock whose time zero fell in the month "
            "and who received at least three crystalloid boluses.</p>"
            "<p><b>Numerator:</b> those whose third bolus had been given in full within 60 "
            "minutes of time zero.</p>" + SEPSIS_AND_TIME_ZERO
        ),
        "guidance": (
            "<ul><li>Record the time each bolus ended; boluses given by syringe or pressure "
            "bag count like those given by pump.</li>"
            "<li>Many sites have fewer than five such patients a month: read this chart over "
            "quarters, not months.</li></ul>"
        ),
    },
    {
        "set": "process",
        "code": "ABX-60",
        "name": "Antibiotics within 60 minutes",
        "category": "process",
        "kind": "ratio",
        "direction": "up",
        "numerator_label": "Patients with a first antibiotic within 60 minutes of time zero",
        "denominator_label": "Patients with sepsis, severe sepsis or septic shock",
        "target": 80,
        "publish_aggregate": True,
        "definition": (
            "<p><b>Denominator:</b> patients with sepsis, severe sepsis or septic shock whose "
            "time zero fell in the month.</p>"
            "<p><b>Numerator:</b> those with a broad-spectrum intravenous antibiotic within 60 "
            "minutes of time zero, timed from the antibiotic order or the first dose, whichever "
            "your site records.</p>" + SEPSIS_AND_TIME_ZERO
        ),
        "guidance": (
            "<ul><li>Patients already on a suitable antibiotic at time zero count as on "
            "time.</li>"
            "<li>Use the same time stamp (order or dose) every month.</li></ul>"
        ),
    },
    {
        "set": "process",
        "code": "TIME-ZERO",
        "name": "How time zero was set",
        "category": "process",
        "kind": "categorical",
        "direction": "neutral",
        "target": None,
        "publish_aggregate": False,
        "definition": (
            "<p>For each patient counted in ASSESS-20 this month, the method that set their "
            "time zero. The counts add up to the ASSESS-20 denominator.</p>" + SEPSIS_AND_TIME_ZERO
        ),
        "guidance": (
            "<ul><li>Most sites use one method for almost every patient who arrives with "
            "sepsis; patients whose sepsis begins after admission usually take a clinician's "
            "determination or the early warning score.</li>"
            "<li>Starting to use a new method is a definition change: tell your coach.</li></ul>"
        ),
    },
    {
        "set": "process",
        "code": "BARRIERS",
        "name": "Barriers this month",
        "category": "process",
        "kind": "text",
        "direction": "neutral",
        "target": None,
        "publish_aggregate": False,
        "definition": (
            "<p>In a sentence or two, what made timely sepsis care, or this month's data "
            "collection, hard. Coaches read every answer before the learning session, and the "
            "barriers sites share set its agenda.</p>"
        ),
        "guidance": "<p>Name no patient and no member of staff.</p>",
    },
    {
        "set": "outcome",
        "code": "SEVERE",
        "name": "Patients with severe sepsis or septic shock",
        "category": "outcome",
        "kind": "count",
        "direction": "neutral",
        "count_label": "Patients with severe sepsis or septic shock",
        "target": None,
        "publish_aggregate": False,
        "definition": (
            "<p>Patients with severe sepsis or septic shock whose time zero fell in the month: "
            "the patients whose deaths MORT-3D and MORT-30D count.</p>" + SEPSIS_AND_TIME_ZERO
        ),
        "guidance": "<p>Count each patient once, in the month of their first time zero.</p>",
    },
    {
        "set": "outcome",
        "code": "MORT-3D",
        "name": "Deaths within 3 days, severe sepsis and septic shock",
        "category": "outcome",
        "kind": "ratio",
        "direction": "down",
        "numerator_label": "Patients who died within 3 days of time zero",
        "denominator_label": "Patients with severe sepsis or septic shock",
        "target": None,
        "publish_aggregate": False,
        "definition": (
            "<p><b>Denominator:</b> patients with severe sepsis or septic shock whose time zero "
            "fell in the month.</p>"
            "<p><b>Numerator:</b> those who died within 72 hours of time zero, wherever they "
            "died.</p>" + SEPSIS_AND_TIME_ZERO
        ),
        "guidance": "<p>Patients transferred to another hospital are followed there.</p>",
    },
    {
        "set": "outcome",
        "code": "MORT-30D",
        "name": "Deaths within 30 days, severe sepsis and septic shock",
        "category": "outcome",
        "kind": "ratio",
        "direction": "down",
        "numerator_label": "Patients who died within 30 days of time zero",
        "denominator_label": "Patients with severe sepsis or septic shock",
        "target": 5,
        "publish_aggregate": True,
        "definition": (
            "<p><b>Denominator:</b> patients with severe sepsis or septic shock whose time zero "
            "fell in the month.</p>"
            "<p><b>Numerator:</b> those who died within 30 days of time zero, in hospital, in "
            "hospice or at home.</p>" + SEPSIS_AND_TIME_ZERO
        ),
        "guidance": (
            "<ul><li>The day of time zero is day 0.</li>"
            "<li>Check discharged patients against the state's death records, or by a "
            "follow-up call, before you submit.</li>"
            "<li>The last patients of a month reach day 30 after the month is due: submit what "
            "you know, then reopen the month with the reason when you have them all.</li></ul>"
        ),
    },
]

# The collaborative-wide definition change: from month 12 (the 13th), antibiotics are timed from
# the first dose given. Every site's rate drops by about `shift` points when it applies.
DEFINITION_CHANGE = {
    "measure": "ABX-60",
    "month": 12,
    "shift": -7,
    "change_note": "Antibiotics are timed from the first dose given, no longer from the order.",
    "definition": (
        "<p><b>Denominator:</b> patients with sepsis, severe sepsis or septic shock whose time "
        "zero fell in the month.</p>"
        "<p><b>Numerator:</b> those whose first dose of a broad-spectrum intravenous (or "
        "intraosseous) antibiotic was started within 60 minutes of time zero. An order alone no "
        "longer counts.</p>" + SEPSIS_AND_TIME_ZERO
    ),
    "guidance": (
        "<ul><li>Take the start of the first dose from the medication administration record "
        "(the scan of the dose).</li>"
        "<li>Patients already on a suitable antibiotic at time zero count as on time.</li>"
        "<li>Sites that timed the order before this change should expect their rate to "
        "drop.</li></ul>"
    ),
}

# --- The simulation's numbers ---------------------------------------------------------------

# Pooled rates (percent) the collaborative starts from (months 0 to 2) and reaches (months 21
# to 23). Sites improve as their tests of change take hold; the simulation scales their effects
# so that the pooled rates match these.
PROCESS_TARGETS = {
    "ASSESS-20": (46, 60),
    "BOLUS1-15": (38, 46),
    "BOLUS3-60": (30, 33),
    "ABX-60": (58, 62),
}
# How much of a site's offset each process measure takes.
OFFSET_SCALE = {"ASSESS-20": 1.0, "BOLUS1-15": 0.7, "BOLUS3-60": 0.5, "ABX-60": 0.8}
# Mortality (percent) of severe sepsis and septic shock, first and last quarter.
MORTALITY_TARGETS = {"MORT-30D": (11, 3), "MORT-3D": (4, 1)}
# Assessment on time in each age band, in points from the site's rate.
AGE_BAND_SHIFT = (5, 2, -2)
# Sepsis patients found each month grow by this share over the two years (better screening).
GROWTH = 0.12
NEEDS_FLUIDS = 0.85  # of patients with severe sepsis or septic shock
THREE_BOLUSES = 0.30  # of those who needed fluids
MONTHLY_NOISE = 2.0  # points of month-to-month variation beyond chance
BARRIER_SHARE = 0.35  # of months with a barrier written down

# --- Tests of change ------------------------------------------------------------------------
# {tested} and {success} are filled in from the site's size.
PDSA_IDEAS = {
    "triage-vitals": {
        "title": "Full vital signs at triage for every patient with a fever or a suspected infection",
        "measures": ["ASSESS-20"],
        "effects": {"ASSESS-20": 8},
        "success": 0.7,
        "plan": "Triage nurses in the emergency department take all six vital signs, mental status included, for every patient with a fever or a suspected infection, before the patient goes to the waiting room. We predict more first assessments within 20 minutes.",
        "do": "Tested on day shifts for two weeks, then on every shift. Nurses found the oxygen saturation probe was often missing from the triage room, so we added a second one.",
        "study": "{success} of {tested} patients with sepsis in the test had a full set within 20 minutes, against about half before. Night shifts lagged in the first week.",
        "act": "Adopted on every shift; the triage checklist now lists all six vital signs.",
    },
    "sepsis-huddle": {
        "title": "A two-minute sepsis huddle when the screen is positive",
        "measures": ["ASSESS-20", "BOLUS1-15"],
        "effects": {"ASSESS-20": 5, "BOLUS1-15": 4},
        "success": 0.75,
        "plan": "When a sepsis screen is positive in the emergency department, the nurse calls a two-minute huddle at the bedside with the physician and the charge nurse to agree on fluids, cultures and antibiotics. We predict faster assessments and first boluses.",
        "do": "Ran for a month. Huddles were easy when the physician was nearby and slipped when they were busy with a procedure; the charge nurse began to stand in.",
        "study": "Huddles happened for {success} of {tested} patients who screened positive. Patients with a huddle had their first bolus about ten minutes sooner.",
        "act": "Adapted: the charge nurse may start the huddle without the physician. Adopted.",
    },
    "fluid-cart": {
        "title": "A sepsis cart with fluid ready to hang",
        "measures": ["BOLUS1-15", "BOLUS3-60"],
        "effects": {"BOLUS1-15": 6, "BOLUS3-60": 3},
        "success": 0.6,
        "plan": "Stock a cart in each resuscitation room of the emergency department with warmed crystalloid bags, primed tubing, pressure bags and 60 mL syringes. We predict faster first and third boluses.",
        "do": "Two carts, checked every shift by the unit clerk. One cart was found empty after a busy night, so restocking went onto the end-of-shift list.",
        "study": "{success} of {tested} patients who needed fluids had their first bolus within 15 minutes; boluses started a median of nine minutes sooner than before.",
        "act": "Adopted. Pharmacy now restocks the carts every day.",
    },
    "pharmacy-first-dose": {
        "title": "First antibiotic dose from the department's dispensing cabinet",
        "measures": ["ABX-60"],
        "effects": {"ABX-60": 8},
        "success": 0.7,
        "plan": "Keep first doses of the most used broad-spectrum antibiotics in the emergency department's automated dispensing cabinet, so that nurses do not wait for pharmacy. We predict more antibiotics within 60 minutes.",
        "do": "Pharmacy loaded the cabinet and allowed an override for sepsis orders. One antibiotic that must be mixed still came from pharmacy.",
        "study": "{success} of {tested} patients had their first dose within 60 minutes; most of the others were waiting for the antibiotic that pharmacy mixes.",
        "act": "Adopted. Next cycle: give the other antibiotic first when that one is delayed.",
    },
    "order-set": {
        "title": "One sepsis order set with the first bolus and antibiotic pre-selected",
        "measures": ["BOLUS1-15", "ABX-60"],
        "effects": {"BOLUS1-15": 3, "ABX-60": 5},
        "success": 0.8,
        "plan": "Replace the three sepsis order sets used in the emergency department with one in which cultures, lactate, the first bolus by weight and the first antibiotic are pre-selected. We predict faster boluses and antibiotics.",
        "do": "Built with the EHR team and tested for three weeks; prescribers could still deselect anything.",
        "study": "The order set was used for {success} of {tested} patients with sepsis. Boluses were ordered sooner; antibiotics only a little sooner, because the dose still waited for pharmacy.",
        "act": "Adopted; the old order sets were retired.",
    },
    "ews-escalation": {
        "title": "An early warning score of 5 or more calls the rapid response nurse",
        "measures": ["ASSESS-20"],
        "effects": {"ASSESS-20": 7},
        "success": 0.65,
        "plan": "On the medical wards, an early warning score of 5 or more pages the rapid response nurse, who assesses the patient with the sepsis screen within 15 minutes. We predict faster first assessments of patients whose sepsis begins after admission.",
        "do": "Tested on two floors for a month. Pages rose from about four to eleven a day; the rapid response nurse kept up on days but not on nights.",
        "study": "{success} of {tested} ward patients with sepsis were assessed within 20 minutes of time zero. Most of the others were at night.",
        "act": "Adapted: at night the charge nurse answers the page first. Spread to the surgical floors.",
    },
    "io-access": {
        "title": "Intraosseous access after two failed IV attempts",
        "measures": ["BOLUS1-15", "BOLUS3-60"],
        "effects": {"BOLUS1-15": 3, "BOLUS3-60": 4},
        "success": 0.8,
        "plan": "In the emergency department, place an intraosseous needle after two failed IV attempts or five minutes without access, whichever comes first, for patients in shock. We predict fewer delays to the first and third boluses.",
        "do": "Skills training for nurses and physicians, then four weeks of testing. Two staff members asked for more practice before placing a needle themselves.",
        "study": "{success} of {tested} patients in shock had access within 10 minutes. Two intraosseous needles were placed, and both worked.",
        "act": "Adopted, with a skills session every quarter.",
    },
    "feedback-cards": {
        "title": "A case review card for every patient who missed a target",
        "measures": ["ASSESS-20", "ABX-60"],
        "effects": {"ASSESS-20": 5, "ABX-60": 3},
        "success": 0.6,
        "plan": "Each week the sepsis nurse reviews every patient in the emergency department who missed a time target and sends the team a short card: what happened, what helped, what would have made it faster. We predict more on-time assessments and antibiotics as the team learns.",
        "do": "Cards went out weekly for six weeks and were read at the shift huddle. Several staff asked to see cards about patients whose care went well too.",
        "study": "{success} of {tested} patients in the last three weeks were assessed on time, up from the first three. The cards took the sepsis nurse about two hours a week.",
        "act": "Adopted, with one card a week about care that went well.",
    },
    "ems-prealert": {
        "title": "A sepsis pre-alert from paramedics",
        "measures": ["ASSESS-20", "BOLUS1-15"],
        "effects": {"ASSESS-20": 6, "BOLUS1-15": 3},
        "success": 0.7,
        "plan": "Ask the ambulance services that bring patients to the emergency department to radio a sepsis pre-alert for patients who screen positive, so that a bed, a nurse and a physician are waiting. We predict faster assessments and first boluses.",
        "do": "Agreed with two ambulance services and tested for a month. Pre-alerts came for about half of the patients with sepsis who arrived by ambulance.",
        "study": "{success} of {tested} pre-alerted patients were assessed within 20 minutes, and most had a bolus running within 15 minutes.",
        "act": "Adopted; a third ambulance service has agreed to join.",
    },
    "push-pull": {
        "title": "Push-pull boluses for children in shock",
        "measures": ["BOLUS3-60"],
        "effects": {},
        "success": 0.5,
        "plan": "For children in shock in the emergency department, give boluses by push-pull syringe instead of by pump. We predict more third boluses complete within 60 minutes.",
        "do": "Tested for six weeks. It needed a second nurse for the whole resuscitation, who was often not free.",
        "study": "Only {tested} children qualified, and {success} had their third bolus on time. Staff found a pressure bag almost as fast and easier to staff.",
        "act": "Abandoned in favor of pressure bags, which the resuscitation rooms now stock.",
    },
    "bpa-tuning": {
        "title": "A best practice alert that fires less often for the wrong patients",
        "measures": ["ASSESS-20"],
        "effects": {"ASSESS-20": 4},
        "success": 0.65,
        "plan": "Nurses in the emergency department said the sepsis alert fired so often that they stopped reading it. Add a check of lactate and recent antibiotics so that it fires less for patients who are not septic. We predict faster responses to the alerts that remain.",
        "do": "The EHR team changed the rule; alerts fell from about thirty to twelve a day. Nurses were told why.",
        "study": "{success} of {tested} patients with sepsis were assessed within 20 minutes of the alert. A review of the month found no patient with sepsis that the new rule missed.",
        "act": "Adopted; missed cases are reviewed every month to be sure the rule stays safe.",
    },
    "timer": {
        "title": "A sepsis clock on the tracking board",
        "measures": ["BOLUS1-15", "ABX-60"],
        "effects": {"BOLUS1-15": 4, "ABX-60": 4},
        "success": 0.65,
        "plan": "Show a timer beside each patient with a positive sepsis screen on the tracking board of the emergency department, turning amber at 15 minutes (first bolus) and red at 60 (antibiotics). We predict faster boluses and antibiotics.",
        "do": "Built by the EHR team and tested for a month. The clock was hard to see from the far end of the department, so a second screen went up.",
        "study": "{success} of {tested} patients had their first bolus within 15 minutes. Staff said the amber clock helped most.",
        "act": "Adopted.",
    },
    "abstraction": {
        "title": "Time stamps from an EHR report instead of abstraction by hand",
        "measures": [],
        "effects": {},
        "success": 0.9,
        "plan": "With the EHR analyst, report time zero, the first full set of vital signs, the first bolus and the first antibiotic dose for every patient with a sepsis diagnosis, so that the monthly data take hours rather than days. We predict the same figures with less work.",
        "do": "The report ran beside hand abstraction for {tested} patients.",
        "study": "The report agreed with the chart for {success} of {tested} patients; the others had vital signs charted on paper during an EHR downtime.",
        "act": "Adopted: only the patients the report flags are abstracted by hand.",
    },
}

# --- Barriers and coaches' comments ---------------------------------------------------------

BARRIERS = {
    # Months 0 to 7, 8 to 15, 16 to 23.
    "early": [
        "We still disagree about when sepsis began for patients who arrive with a fever and normal blood pressure; half of them need a second reviewer.",
        "Finding time zero afterwards is slow: the triage time is clear, but the first abnormal vital signs are scattered across flowsheets.",
        "Data collection is by hand and took one nurse most of a week this month.",
        "The EHR report of possible sepsis patients misses those coded only as pneumonia or a urinary infection.",
        "Night shift has not all been trained on the new sepsis screen yet.",
    ],
    "middle": [
        "Two travel nurses this month did not know where the sepsis supplies were kept.",
        "Pharmacy was short-staffed, and first antibiotic doses waited.",
        "Full vital signs at triage slip when the waiting room is full.",
        "Patients boarding in the emergency department left few rooms for resuscitation.",
        "Difficult IV access in small children delayed several first boluses.",
        "The best practice alert fires so often that staff have started to dismiss it.",
    ],
    "late": [
        "Keeping the gains on nights and weekends, when the sepsis nurse is not in.",
        "An EHR upgrade moved the sepsis order set, and some prescribers could not find it.",
        "New residents started this month and needed the sepsis huddle explained.",
        "Our numbers are small, and one late patient moves the rate a lot; the team finds the monthly chart discouraging.",
        "Nothing new this month.",
    ],
}
# (site, month): what that site wrote that month, whatever the draw.
BARRIER_NOTES = {
    (
        "PINEMOOR",
        10,
    ): "From this month our time zero is when the sepsis alert fires, no longer arrival; our coach knows.",
    (
        "WRENFIELD",
        13,
    ): "Our data abstractor leaves at the end of the month, so we may fall behind until the post is filled.",
    (
        "WRENFIELD",
        17,
    ): "Back after three months without an abstractor; the EHR report we are testing should make us quicker.",
    (
        "QUILLBY",
        8,
    ): "Our first month in the collaborative: the team is still learning the definitions.",
    (
        "LARKSPUR-BAY",
        12,
    ): "The new antibiotic definition counts the dose given, not the order; our rate fell and we are looking at why doses wait.",
}

# (site, month, text): by the demo coach, a few days after the month was submitted.
COACH_COMMENTS = [
    (
        "QUILLBY",
        8,
        "Welcome to the collaborative. Your first months are your baseline, so don't worry about the targets yet, and ask me whenever a definition is unclear.",
    ),
    (
        "PINEMOOR",
        10,
        "Your assessment rate jumped this month because time zero is now the alert, which usually fires after arrival. I've recorded the change, so your charts start a new phase here: compare the months after it with each other, not with the months before.",
    ),
    (
        "KETTLECOVE",
        6,
        "With about ten patients a month, one patient moves your rate by ten points. Read the run chart over several months rather than any one month.",
    ),
    (
        "WRENFIELD",
        13,
        "Thanks for warning me about your abstractor. If you fall behind, submit the months in order when you can: your charts will show them as missing, not as zero.",
    ),
    (
        "WRENFIELD",
        17,
        "Good to have your data again. Several sites want an EHR report like the one you are testing; could you show it at the next learning session?",
    ),
    (
        "MOSSGROVE",
        12,
        "The drop in antibiotics within 60 minutes is the new definition (the first dose given, not the order), and it shows at every site. Your chart starts a new phase this month.",
    ),
    (
        "SALTMEADOW",
        14,
        "Months in a row above your baseline median for first assessments: that is a shift, not chance. Well done to the ward teams.",
    ),
    (
        "LARKSPUR-BAY",
        20,
        "The huddle is paying off. First boluses are the next place to look; the sepsis cart another site tested might suit your department.",
    ),
]
