# ruff: noqa: E501  (demo prose reads better unwrapped)
"""Words of the demonstration toolkits, written for this project.

The consortium and its members are fictional; the clinical guidance follows published sepsis
guidelines in plain words, and no sentence is copied from elsewhere. Citations name real,
well-known papers; a DOI is given only where it is certain, otherwise it is left empty.

TERMS are the catalog's filter values. DOCUMENTS are the texts of the generated resource
files (a PDF and often an editable Word source of the same tool). TOOLKITS are the pages, in
catalog order; a toolkit with `next_version` is published as its first version and then
edited to the next one, so that the demo shows a version history.
"""

import datetime

TERMS = {
    "care_settings": [
        ("emergency-department", "Emergency departments"),
        ("inpatient-ward", "Inpatient wards"),
        ("icu", "Intensive care units"),
        ("pediatrics", "Pediatric care"),
        ("long-term-care", "Long-term care"),
        ("home-health", "Home health"),
        ("ems", "Emergency medical services (EMS)"),
        ("primary-urgent-care", "Primary and urgent care"),
    ],
    "audiences": [
        ("nurses", "Nursing staff"),
        ("physicians", "Physicians and advanced practice providers"),
        ("pharmacists", "Pharmacists"),
        ("quality-safety-leads", "Quality and safety leads"),
        ("executives", "Executives and board members"),
        ("patients-families", "Patients and families"),
    ],
    "populations": [
        ("adult", "Adults"),
        ("pediatric", "Children (pediatric)"),
        ("neonatal", "Newborns (neonatal)"),
    ],
    "topics": [
        ("recognition-screening", "Recognition and screening"),
        ("treatment-bundles", "Treatment and bundles"),
        ("antimicrobial-stewardship", "Antimicrobial stewardship"),
        ("transitions-of-care", "Transitions of care"),
        ("survivorship", "Survivorship"),
        ("education", "Education"),
        ("data-measurement", "Data and measurement"),
    ],
}

INDEX = {
    "slug": "toolkits",
    "title": "Toolkits",
    "introduction": (
        "Tools that member organizations can adopt to find and treat sepsis early, in every "
        "care setting. Filter by where you work, who the tool is for and the topic. Each "
        "toolkit says what changed in its latest version."
    ),
}

# Real, published work. DOIs only where certain; empty rather than guessed.
CITATIONS = {
    "ssc-2021": {
        "authors": "Evans L, Rhodes A, Alhazzani W, et al.",
        "title": "Surviving Sepsis Campaign: international guidelines for management of sepsis and septic shock 2021",
        "journal": "Critical Care Medicine",
        "year": 2021,
        "doi": "10.1097/CCM.0000000000005337",
    },
    "seymour-2017": {
        "authors": "Seymour CW, Gesten F, Prescott HC, et al.",
        "title": "Time to treatment and mortality during mandated emergency care for sepsis",
        "journal": "New England Journal of Medicine",
        "year": 2017,
        "doi": "10.1056/NEJMoa1703058",
    },
    "sepsis-3": {
        "authors": "Singer M, Deutschman CS, Seymour CW, et al.",
        "title": "The Third International Consensus Definitions for Sepsis and Septic Shock (Sepsis-3)",
        "journal": "JAMA",
        "year": 2016,
        "doi": "10.1001/jama.2016.0287",
    },
    "liu-2017": {
        "authors": "Liu VX, Fielding-Singh V, Greene JD, et al.",
        "title": "The timing of early antibiotics and hospital mortality in sepsis",
        "journal": "American Journal of Respiratory and Critical Care Medicine",
        "year": 2017,
        "doi": "10.1164/rccm.201609-1848OC",
    },
    "evans-2018-pediatric": {
        "authors": "Evans IVR, Phillips GS, Alpern ER, et al.",
        "title": "Association between the New York sepsis care mandate and in-hospital mortality for pediatric sepsis",
        "journal": "JAMA",
        "year": 2018,
        "doi": "10.1001/jama.2018.9071",
    },
    "weiss-2020-pediatric": {
        "authors": "Weiss SL, Peters MJ, Alhazzani W, et al.",
        "title": "Surviving Sepsis Campaign international guidelines for the management of septic shock and sepsis-associated organ dysfunction in children",
        "journal": "Pediatric Critical Care Medicine",
        "year": 2020,
        "doi": "10.1097/PCC.0000000000002198",
    },
    "rhee-2017": {
        "authors": "Rhee C, Dantes R, Epstein L, et al.",
        "title": "Incidence and trends of sepsis in US hospitals using clinical vs claims data, 2009-2014",
        "journal": "JAMA",
        "year": 2017,
        "doi": "10.1001/jama.2017.13836",
    },
    "rhee-2019-preventability": {
        "authors": "Rhee C, Jones TM, Hamad Y, et al.",
        "title": "Prevalence, underlying causes, and preventability of sepsis-associated mortality in US acute care hospitals",
        "journal": "JAMA Network Open",
        "year": 2019,
        "doi": "",
    },
    "prescott-angus-2018": {
        "authors": "Prescott HC, Angus DC.",
        "title": "Enhancing recovery from sepsis: a review",
        "journal": "JAMA",
        "year": 2018,
        "doi": "10.1001/jama.2017.17687",
    },
    "prescott-2015-readmission": {
        "authors": "Prescott HC, Langa KM, Iwashyna TJ.",
        "title": "Readmission diagnoses after hospitalization for severe sepsis and other acute medical conditions",
        "journal": "JAMA",
        "year": 2015,
        "doi": "",
    },
    "iwashyna-2010": {
        "authors": "Iwashyna TJ, Ely EW, Smith DM, Langa KM.",
        "title": "Long-term cognitive impairment and functional disability among survivors of severe sepsis",
        "journal": "JAMA",
        "year": 2010,
        "doi": "10.1001/jama.2010.1553",
    },
    "barlam-2016": {
        "authors": "Barlam TF, Cosgrove SE, Abbo LM, et al.",
        "title": "Implementing an antibiotic stewardship program: guidelines by the Infectious Diseases Society of America and the Society for Healthcare Epidemiology of America",
        "journal": "Clinical Infectious Diseases",
        "year": 2016,
        "doi": "10.1093/cid/ciw118",
    },
    "kumar-2006": {
        "authors": "Kumar A, Roberts D, Wood KE, et al.",
        "title": "Duration of hypotension before initiation of effective antimicrobial therapy is the critical determinant of survival in human septic shock",
        "journal": "Critical Care Medicine",
        "year": 2006,
        "doi": "",
    },
    "rudd-2020": {
        "authors": "Rudd KE, Johnson SC, Agesa KM, et al.",
        "title": "Global, regional, and national sepsis incidence and mortality, 1990-2017: analysis for the Global Burden of Disease Study",
        "journal": "The Lancet",
        "year": 2020,
        "doi": "",
    },
    "fay-2020": {
        "authors": "Fay K, Sapiano MRP, Gokhale R, et al.",
        "title": "Assessment of health care exposures and outcomes in adult patients with sepsis and septic shock",
        "journal": "JAMA Network Open",
        "year": 2020,
        "doi": "",
    },
    "news2-2017": {
        "authors": "Royal College of Physicians",
        "title": "National Early Warning Score (NEWS) 2: standardising the assessment of acute-illness severity in the NHS",
        "journal": "Royal College of Physicians, London",
        "year": 2017,
        "doi": "",
    },
    "cdc-core-elements-2023": {
        "authors": "Centers for Disease Control and Prevention",
        "title": "Hospital Sepsis Program Core Elements",
        "journal": "U.S. Department of Health and Human Services",
        "year": 2023,
        "doi": "",
    },
}

# The texts of the generated files. A section is a heading and its lines; a line starting
# with "- " is a list item. Kept to Latin-1 characters, which the PDFs' core font can show.
DOCUMENTS = {
    "ed-checklist-v1": {
        "title": "Emergency department sepsis checklist: time zero and the first hour",
        "language": "en-us",
        "intro": "Use this checklist for every adult who screens positive for possible sepsis at triage or later in the emergency department visit.",
        "sections": [
            (
                "1. Screen at triage",
                [
                    "Ask: does the patient have a known or suspected infection? If yes, check for any two of these:",
                    "- Temperature above 100.4°F (38°C) or below 96.8°F (36°C)",
                    "- Heart rate above 90 beats per minute",
                    "- Breathing rate 22 per minute or more",
                    "- Systolic blood pressure 100 mm Hg or lower",
                    "- New confusion or a change in mental status",
                    "A positive screen goes to the charge nurse and the treating clinician straight away.",
                ],
            ),
            (
                "2. Record time zero",
                [
                    "Time zero is the earliest time in the record at which the patient met sepsis criteria. For a patient who screens positive at triage, it is the triage time. Write it on the checklist and in the chart.",
                ],
            ),
            (
                "3. Within 1 hour of time zero",
                [
                    "- Measure lactate.",
                    "- Draw blood cultures before antibiotics, if this does not delay them.",
                    "- Give broad-spectrum antibiotics.",
                    "- For low blood pressure or lactate of 4 mmol/L or more, start 30 mL/kg of intravenous crystalloid.",
                    "- If blood pressure stays low during or after fluids, start a vasopressor to keep mean arterial pressure at 65 mm Hg or more.",
                ],
            ),
            (
                "4. Reassess and hand over",
                [
                    "Repeat lactate within 2 to 4 hours if the first value was raised. Reassess perfusion after fluids and record what you found. Hand over time zero and the bundle times when the patient moves to a ward or the ICU.",
                ],
            ),
        ],
    },
    "ed-checklist-v2": {
        "title": "Emergency department sepsis checklist: time zero and the first hour",
        "language": "en-us",
        "intro": "Version 2 follows the 2021 Surviving Sepsis Campaign guidelines on antibiotic timing. Use it for every adult with possible sepsis at triage or later in the visit.",
        "sections": [
            (
                "1. Screen at triage",
                [
                    "Ask: does the patient have a known or suspected infection? If yes, check for any two of these:",
                    "- Temperature above 100.4°F (38°C) or below 96.8°F (36°C)",
                    "- Heart rate above 90 beats per minute",
                    "- Breathing rate 22 per minute or more",
                    "- Systolic blood pressure 100 mm Hg or lower",
                    "- New confusion or a change in mental status",
                    "Patients brought in by ambulance with a prehospital sepsis alert are screened at once and the alert is recorded in the chart.",
                ],
            ),
            (
                "2. Record time zero",
                [
                    "Time zero is the earliest time in the record at which the patient met sepsis criteria. For a patient who screens positive at triage, including after a prehospital alert, it is the triage time.",
                ],
            ),
            (
                "3. Decide how urgent antibiotics are",
                [
                    "- Possible septic shock, or sepsis is probable: give antibiotics immediately, ideally within 1 hour of time zero.",
                    "- Possible sepsis without shock: complete a rapid assessment of infectious and other causes. If concern for infection remains, give antibiotics within 3 hours of time zero.",
                ],
            ),
            (
                "4. The rest of the first hour",
                [
                    "- Measure lactate, and draw blood cultures before antibiotics if this does not delay them.",
                    "- For low blood pressure or lactate of 4 mmol/L or more, start 30 mL/kg of intravenous crystalloid and reassess after each part of it.",
                    "- If blood pressure stays low, start a vasopressor to keep mean arterial pressure at 65 mm Hg or more.",
                ],
            ),
            (
                "5. Reassess and hand over",
                [
                    "Repeat a raised lactate within 2 to 4 hours. Hand over time zero, the antibiotic time and the fluids given when the patient leaves the department.",
                ],
            ),
        ],
    },
    "ed-audit-v2": {
        "title": "Emergency department sepsis audit worksheet",
        "language": "en-us",
        "intro": "For members' quality teams: a monthly review of 20 charts of adults treated for sepsis, so the department can see where time is lost.",
        "sections": [
            (
                "Choose the charts",
                [
                    "Take the first 20 adult emergency department visits of the month with a sepsis diagnosis at discharge or a positive triage screen. Leave out patients who were transferred in after treatment had started.",
                ],
            ),
            (
                "Record for each chart",
                [
                    "- Triage time and time zero, and whether they differ",
                    "- Time the screen was positive and who was told",
                    "- Times of lactate, blood cultures and first antibiotic dose",
                    "- Fluid volume given in the first 3 hours for patients with shock",
                    "- Whether a prehospital sepsis alert was received",
                ],
            ),
            (
                "Review as a team",
                [
                    "Plot the median minutes from time zero to antibiotics on a run chart each month. Discuss the three slowest cases at the monthly huddle without blame, and agree one change to test next month.",
                ],
            ),
        ],
    },
    "pediatric-bundle": {
        "title": "Pediatric sepsis screening and first-hour bundle",
        "language": "en-us",
        "intro": "For infants, children and teenagers with fever or a suspected infection in the emergency department, pediatric unit or PICU.",
        "sections": [
            (
                "Screen",
                [
                    "Use the heart rate and breathing rate limits for the child's age on your unit's chart. Screen positive if the child has a suspected infection and any of these:",
                    "- Heart rate or breathing rate above the limit for age",
                    "- Capillary refill of 3 seconds or more, cold or mottled skin",
                    "- Unusual sleepiness, floppiness or irritability",
                    "- Low blood pressure for age (a late sign)",
                    "- A parent or caregiver who says the child is not acting like themselves",
                    "Any baby under 28 days old with a temperature of 100.4°F (38°C) or higher needs urgent evaluation, even if the baby looks well.",
                ],
            ),
            (
                "Within 1 hour of recognition",
                [
                    "- Obtain a blood culture, if it does not delay antibiotics.",
                    "- Give broad-spectrum antibiotics: within 1 hour for septic shock, and within 3 hours for sepsis with organ dysfunction but without shock.",
                    "- For signs of poor perfusion, give a 10 to 20 mL/kg fluid bolus and reassess after each one; stop if you find signs of fluid overload, such as crackles or a growing liver.",
                    "- Measure lactate and blood glucose.",
                ],
            ),
            (
                "Call for help early",
                [
                    "If the child still has poor perfusion after 40 to 60 mL/kg, needs a vasoactive drug, or your hospital has no pediatric intensive care, call the regional pediatric transfer line within the first hour.",
                ],
            ),
        ],
    },
    "pediatric-family-es": {
        "title": "Sepsis en niños: información para las familias",
        "language": "es",
        "intro": "La sepsis es una reacción grave del cuerpo a una infección. En los niños puede empeorar muy rápido.",
        "sections": [
            (
                "Llame al 911 si su hijo o hija",
                [
                    "- respira muy rápido, hace ruidos al respirar o deja de respirar por momentos",
                    "- está muy dormido, flojo o es difícil despertarlo",
                    "- tiene la piel azulada, gris, pálida o con manchas",
                    "- tiene una erupción que no desaparece al presionar un vaso sobre ella",
                    "- está frío al tacto, aunque tenga fiebre",
                    "- no ha mojado el pañal ni orinado en 12 horas",
                ],
            ),
            (
                "Bebés menores de 3 meses",
                [
                    "Si su bebé tiene una temperatura de 100.4°F (38°C) o más, llévelo a un servicio de urgencias de inmediato, aunque parezca estar bien.",
                ],
            ),
            (
                "En el hospital",
                [
                    "Diga al equipo qué ha cambiado y desde cuándo. Pregunte: ¿podría ser sepsis? Usted conoce mejor que nadie a su hijo.",
                ],
            ),
        ],
    },
    "ltc-tool-v1": {
        "title": "Long-term care early warning tool for sepsis",
        "language": "en-us",
        "intro": "For nurses and nursing assistants in nursing homes and assisted living. Use it when a resident has a suspected infection or staff notice a change.",
        "sections": [
            (
                "Notice the change",
                [
                    "Nursing assistants often see sepsis first. Tell the nurse the same shift if a resident:",
                    "- eats or drinks much less than usual",
                    "- is more tired, weaker, or has fallen",
                    "- has a new cough, painful urination, or a red, warm wound",
                ],
            ),
            (
                "Check the vital signs",
                [
                    "The nurse checks vital signs and mental status. Call the clinician within 30 minutes if the resident has any two of these:",
                    "- Temperature of 100.4°F (38°C) or higher, or below 96.8°F (36°C)",
                    "- Heart rate above 100",
                    "- Breathing rate 22 per minute or more",
                    "- Systolic blood pressure 100 mm Hg or lower",
                    "- Oxygen saturation below 92%, or below the resident's usual level",
                    "- New or worse confusion",
                ],
            ),
            (
                "Call 911 at once",
                [
                    "Call 911 straight away for a resident who is hard to wake, struggling to breathe, or has a systolic blood pressure below 90 mm Hg, unless their care plan says otherwise.",
                ],
            ),
        ],
    },
    "ltc-tool-v2": {
        "title": "Long-term care early warning tool for sepsis",
        "language": "en-us",
        "intro": "Version 2 makes new confusion a trigger on its own and adds a script for calling the clinician. For nurses and nursing assistants in nursing homes and assisted living.",
        "sections": [
            (
                "Notice the change",
                [
                    "Nursing assistants often see sepsis first. Tell the nurse the same shift if a resident:",
                    "- eats or drinks much less than usual",
                    "- is more tired, weaker, or has fallen",
                    "- has a new cough, painful urination, or a red, warm wound",
                    "- is newly confused or sleepier than usual",
                ],
            ),
            (
                "Check the vital signs",
                [
                    "New or worse confusion is enough to call the clinician, even when the vital signs are normal. Otherwise, call within 30 minutes for any two of these:",
                    "- Temperature of 100.4°F (38°C) or higher, or below 96.8°F (36°C)",
                    "- Heart rate above 100",
                    "- Breathing rate 22 per minute or more",
                    "- Systolic blood pressure 100 mm Hg or lower",
                    "- Oxygen saturation below 92%, or below the resident's usual level",
                ],
            ),
            (
                "Call the clinician with SBAR",
                [
                    "- Situation: I am calling about [name]. I am worried about sepsis.",
                    "- Background: their infection or recent illness, and their care plan.",
                    "- Assessment: the vital signs and what has changed since yesterday.",
                    "- Request: please assess within the hour, or tell me if we should send them to the hospital.",
                ],
            ),
            (
                "Call 911 at once",
                [
                    "Call 911 straight away for a resident who is hard to wake, struggling to breathe, or has a systolic blood pressure below 90 mm Hg, unless their care plan says otherwise. Send the transfer form and the resident's medication list.",
                ],
            ),
        ],
    },
    "ltc-family-pt": {
        "title": "Sepse em casas de repouso: informação para as famílias",
        "language": "pt",
        "intro": "A sepse é uma reação grave do corpo a uma infecção. Em pessoas idosas, o primeiro sinal pode ser confusão, e não febre.",
        "sections": [
            (
                "Avise a equipe se o seu familiar",
                [
                    "- está mais confuso ou sonolento do que o normal",
                    "- come ou bebe muito menos",
                    "- está mais fraco ou caiu",
                    "- tem tosse nova, dor ao urinar ou uma ferida vermelha e quente",
                ],
            ),
            (
                "O que a equipe faz",
                [
                    "A enfermagem verifica os sinais vitais e liga para o médico quando encontra sinais de alerta. Se for preciso, a equipe chama o 911.",
                ],
            ),
            (
                "Pergunte",
                [
                    "Você conhece bem o seu familiar. Se algo mudou, diga à equipe e pergunte: pode ser sepse?",
                ],
            ),
        ],
    },
    "home-health-pathway": {
        "title": "Home health sepsis screening and escalation pathway",
        "language": "en-us",
        "intro": "For home health nurses and therapists. Screen at every visit for patients with a recent hospital stay, a wound, a urinary catheter or a long-term illness.",
        "sections": [
            (
                "Screen at the visit",
                [
                    "Screen positive if the patient has a suspected infection and any two of these:",
                    "- Temperature of 100.4°F (38°C) or higher, or below 96.8°F (36°C)",
                    "- Heart rate above 90",
                    "- Breathing rate 22 per minute or more",
                    "- Systolic blood pressure 100 mm Hg or lower",
                    "- New confusion, or a caregiver who says the patient is not themselves",
                ],
            ),
            (
                "Escalate",
                [
                    "- Positive screen and the patient looks well: call the primary care clinician before you leave the home and agree a plan for the same day.",
                    "- Positive screen with low blood pressure, new confusion or trouble breathing: call 911 and tell the dispatcher you suspect sepsis.",
                    "- Negative screen but you are worried: call your clinical manager.",
                ],
            ),
            (
                "Before you leave",
                [
                    "Give the patient and caregiver the 'When to call' card, go over it with them, and write in the visit note who you called and what was agreed.",
                ],
            ),
        ],
    },
    "home-health-card-es": {
        "title": "Cuándo llamar: sepsis en casa",
        "language": "es",
        "intro": "Tenga esta tarjeta cerca del teléfono. La sepsis es una emergencia.",
        "sections": [
            (
                "Llame al 911 si la persona",
                [
                    "- está confundida, muy dormida o es difícil despertarla",
                    "- respira muy rápido o le falta el aire",
                    "- tiene la piel o los labios azulados, grises o con manchas",
                ],
            ),
            (
                "Llame a la enfermera de atención domiciliaria hoy mismo si",
                [
                    "- tiene fiebre o escalofríos",
                    "- la herida está roja, caliente o supura",
                    "- orina muy poco o siente dolor al orinar",
                    "- está más débil o come y bebe menos",
                ],
            ),
            (
                "Cuando llame",
                [
                    "Diga que la persona tiene una infección y pregunte: ¿podría ser sepsis?",
                ],
            ),
        ],
    },
    "antibiotic-timeout": {
        "title": "Antibiotic time-out for patients treated for sepsis",
        "language": "en-us",
        "intro": "For prescribers and pharmacists on inpatient wards and in the ICU. Hold the time-out 48 to 72 hours after the first antibiotic dose, and record it in the chart.",
        "sections": [
            (
                "Review",
                [
                    "- Is infection still the most likely cause of the illness?",
                    "- What do the cultures and other tests show?",
                    "- Is the patient improving?",
                    "- Has the source been controlled, for example by draining an abscess or removing a line?",
                ],
            ),
            (
                "Decide and document one of these",
                [
                    "- Stop: infection is unlikely or another cause has been found.",
                    "- Narrow: switch to the narrowest agent that covers what was found.",
                    "- Switch to oral treatment when the patient is stable and can take it.",
                    "- Continue unchanged, with the reason written down.",
                ],
            ),
            (
                "Set the duration",
                [
                    "Write the planned stop date. Shorter courses are adequate for many infections once the source is controlled; ask the stewardship pharmacist when unsure. Review the plan every day.",
                ],
            ),
        ],
    },
    "survivor-plan": {
        "title": "Sepsis survivor transition plan",
        "language": "en-us",
        "intro": "Complete this plan with every adult sepsis survivor before discharge, and send the handoff summary to the primary care team the same day.",
        "sections": [
            (
                "Before discharge",
                [
                    "- Tell the patient and family that the illness was sepsis, and what recovery can look like.",
                    "- Review medications: stop, restart or adjust what changed in the hospital.",
                    "- Screen for new problems with strength, walking, swallowing, memory, mood and sleep.",
                    "- Refer to home health, physical therapy or rehabilitation when needed.",
                ],
            ),
            (
                "Handoff summary for primary care",
                [
                    "- The infection, the organisms found and the antibiotics given, with the stop date",
                    "- Organ problems during the stay and their state at discharge",
                    "- New problems found on screening, and the referrals made",
                    "- Pending test results and who will follow them up",
                ],
            ),
            (
                "Follow-up",
                [
                    "Book a primary care visit within 2 weeks of discharge. At that visit, check for new infection, review medications again, and ask about function, thinking and mood.",
                ],
            ),
        ],
    },
    "survivor-checklist-pt": {
        "title": "Depois da sepse: lista para a recuperação",
        "language": "pt",
        "intro": "Esta lista é para quem teve sepse e para a família. A recuperação pode levar semanas ou meses.",
        "sections": [
            (
                "Nas primeiras semanas",
                [
                    "- Descanse e aumente a atividade um pouco a cada semana.",
                    "- Coma bem e beba água suficiente.",
                    "- Tome os remédios como o médico indicou.",
                    "- Vá à consulta com o seu médico dentro de duas semanas após a alta.",
                ],
            ),
            (
                "Anote para a consulta",
                [
                    "- cansaço, fraqueza ou falta de ar",
                    "- problemas de memória, de sono ou de humor",
                    "- dúvidas sobre os remédios",
                ],
            ),
            (
                "A sepse pode voltar",
                [
                    "Se tiver uma nova infecção, procure atendimento logo e pergunte: pode ser sepse? Ligue para o 911 se tiver confusão, falta de ar forte ou pele com manchas.",
                ],
            ),
        ],
    },
    "campaign-kit": {
        "title": "Sepsis awareness campaign kit",
        "language": "en-us",
        "intro": "Ready-to-use messages for clinics, urgent care centers, pharmacies, ambulance services and community groups. Use them all year, and especially during Sepsis Awareness Month in September.",
        "sections": [
            (
                "The one message",
                [
                    "If you have an infection and feel much worse, get care now and ask: could this be sepsis?",
                ],
            ),
            (
                "Posters",
                [
                    "Put the posters where people wait: front desks, pharmacy counters, exam rooms and community notice boards. They come in English, Spanish and Portuguese.",
                ],
            ),
            (
                "Social media posts",
                [
                    "- Sepsis is the body's extreme reaction to an infection. It can kill within hours. Know the signs.",
                    "- Confused, breathing fast, or feeling like you might die after an infection? Call 911.",
                    "- Vaccines, clean hands and quick care for infections help prevent sepsis.",
                ],
            ),
            (
                "Talking points for staff",
                [
                    "- Anyone can get sepsis, but babies, older adults and people with long-term illness are at higher risk.",
                    "- Most sepsis starts outside the hospital, from an infection of the lungs, urinary tract, skin or gut.",
                    "- Fast treatment saves lives, so do not wait to see if it gets better.",
                ],
            ),
        ],
    },
    "campaign-poster-es": {
        "title": "Sepsis: conozca las señales",
        "language": "es",
        "intro": "La sepsis es una reacción grave del cuerpo a una infección. Puede causar la muerte en pocas horas.",
        "sections": [
            (
                "Llame al 911 si alguien con una infección",
                [
                    "- está confundido o muy dormido",
                    "- respira muy rápido o le falta el aire",
                    "- tiene la piel pálida, azulada o con manchas",
                    "- siente un dolor o un malestar muy fuerte",
                ],
            ),
            (
                "Pregunte",
                [
                    "¿Podría ser sepsis? El tratamiento rápido salva vidas.",
                ],
            ),
        ],
    },
    "campaign-poster-pt": {
        "title": "Sepse: conheça os sinais",
        "language": "pt",
        "intro": "A sepse é uma reação grave do corpo a uma infecção. Pode matar em poucas horas.",
        "sections": [
            (
                "Ligue para o 911 se alguém com uma infecção",
                [
                    "- está confuso ou muito sonolento",
                    "- respira muito rápido ou tem falta de ar",
                    "- tem a pele pálida, azulada ou com manchas",
                    "- sente uma dor ou um mal-estar muito forte",
                ],
            ),
            (
                "Pergunte",
                [
                    "Pode ser sepse? O tratamento rápido salva vidas.",
                ],
            ),
        ],
    },
    "data-guide": {
        "title": "Sepsis data and measurement guide",
        "language": "en-us",
        "intro": "How member organizations measure sepsis care and outcomes the same way, so results can be compared and improvement can be seen.",
        "sections": [
            (
                "Definitions",
                [
                    "Use Sepsis-3 for clinical work: a life-threatening organ dysfunction caused by a dysregulated response to infection. For surveillance, count Adult Sepsis Events from clinical data (blood culture, at least 4 days of antibiotics and new organ dysfunction), which is steadier over time than billing codes.",
                ],
            ),
            (
                "The core measures",
                [
                    "- Minutes from time zero to the first antibiotic dose (median, monthly)",
                    "- Share of patients with septic shock who get the full 3-hour bundle",
                    "- In-hospital mortality for patients with sepsis, adjusted for risk",
                    "- Readmission within 30 days for sepsis survivors",
                ],
            ),
            (
                "Reading the charts",
                [
                    "Plot each measure over time. Use a run chart until you have 20 points, then a control chart. Act on a signal, such as a point outside the limits or a run of 8 points on one side of the center line, not on a single month that looks better or worse.",
                ],
            ),
            (
                "Sharing data",
                [
                    "Send counts, not patient records, to the consortium each quarter. Counts between 1 and 10 are suppressed in shared reports to protect privacy.",
                ],
            ),
        ],
    },
}

# Members' organizations cited in implementation examples, by their slug in the directory.
HOSPITAL_ASSOCIATION = "hospital-association"
EMS_OFFICE = "office-of-emergency-medical-services"
PUBLIC_HEALTH = "department-of-public-health"
ELDER_AFFAIRS = "executive-office-of-elder-affairs"
SENIOR_CARE = "senior-care-association"
HOME_CARE = "home-care-alliance"
HEALTH_CENTERS = "league-of-community-health-centers"
SURVIVORS = "sepsis-survivors-network"
FAMILY_COUNCIL = "patient-and-family-advisory-council"

# Which member organizations work in each care setting (the reach report lists those that
# have not downloaded a toolkit for their setting).
CARE_SETTING_ORGANIZATIONS = {
    "emergency-department": [HOSPITAL_ASSOCIATION],
    "inpatient-ward": [HOSPITAL_ASSOCIATION],
    "icu": [HOSPITAL_ASSOCIATION],
    "pediatrics": [HOSPITAL_ASSOCIATION],
    "long-term-care": [SENIOR_CARE, ELDER_AFFAIRS],
    "home-health": [HOME_CARE, ELDER_AFFAIRS],
    "ems": [EMS_OFFICE],
    "primary-urgent-care": [HEALTH_CENTERS],
}


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def paragraph(html):
    return ("paragraph", html)


def example(organization, title, html):
    """An implementation example; the organization slug is resolved by the loader."""
    return (
        "implementation_example",
        {"organization": organization, "heading": title, "text": html},
    )


def resource(document, fmt, filename, description, *, members=False):
    return {
        "document": document,
        "format": fmt,
        "filename": filename,
        "description": description,
        "members": members,
    }


ED_BODY_V1 = [
    heading("What is in this toolkit"),
    paragraph(
        "<ul><li><b>A triage screen</b> for suspected infection with abnormal vital signs or new confusion.</li>"
        "<li><b>A definition of time zero</b> that every member hospital uses, with worked examples.</li>"
        "<li><b>A first-hour checklist</b> that nurses and clinicians complete together at the bedside.</li></ul>"
    ),
    heading("How to put it in place"),
    paragraph(
        "<p>Start with one shift and one team. Print the checklist, put it on the sepsis cart and "
        "add the screen to the triage note in your electronic record. Review the first 20 cases "
        "together after a month and adjust what slowed you down.</p>"
    ),
    example(
        HOSPITAL_ASSOCIATION,
        "Twelve emergency departments, one definition",
        "<p>The Hospital Association brought twelve member emergency departments together to adopt the same "
        "time zero definition. Within six months every department could report minutes from time zero to "
        "antibiotics the same way, and the slowest sites learned from the fastest.</p>",
    ),
    example(
        EMS_OFFICE,
        "Prehospital sepsis alerts",
        "<p>The Office of Emergency Medical Services added a sepsis alert to the radio report that paramedics "
        "give before arrival. Receiving departments start the checklist when the ambulance is still on the road.</p>",
    ),
]

ED_BODY_V2 = [
    *ED_BODY_V1[:1],
    paragraph(
        "<ul><li><b>A triage screen</b> for suspected infection with abnormal vital signs or new confusion.</li>"
        "<li><b>A definition of time zero</b> that every member hospital uses, including for patients "
        "brought in with a prehospital sepsis alert.</li>"
        "<li><b>A first-hour checklist</b> with antibiotic timing by how likely sepsis and shock are.</li>"
        "<li><b>An audit worksheet</b> (members only) for a monthly review of 20 charts.</li></ul>"
    ),
    *ED_BODY_V1[2:],
]

LTC_BODY_V1 = [
    heading("What is in this toolkit"),
    paragraph(
        "<ul><li><b>A change-in-condition prompt</b> that nursing assistants use to tell the nurse what they notice.</li>"
        "<li><b>Vital-sign triggers</b> for calling the clinician within 30 minutes.</li>"
        "<li><b>Clear signs for calling 911</b>, respecting each resident's care plan.</li></ul>"
    ),
    heading("How to put it in place"),
    paragraph(
        "<p>Train every shift, including nights and weekends, in a 15-minute huddle. Keep the tool at each "
        "nursing station and in the electronic record. Ask the medical director to agree the triggers and "
        "the response time with the clinicians who cover the home.</p>"
    ),
    example(
        SENIOR_CARE,
        "Nursing assistants as the first line",
        "<p>Eight nursing homes in the Senior Care Association trained nursing assistants to report changes the "
        "same shift. Nurses checked vital signs sooner, and the homes reviewed each hospital transfer for sepsis "
        "at their monthly quality meeting.</p>",
    ),
]

LTC_BODY_V2 = [
    heading("What is in this toolkit"),
    paragraph(
        "<ul><li><b>A change-in-condition prompt</b> that nursing assistants use to tell the nurse what they notice.</li>"
        "<li><b>Vital-sign triggers</b>, with new confusion now a reason to call on its own.</li>"
        "<li><b>An SBAR script</b> for calling the clinician.</li>"
        "<li><b>A family leaflet</b> in Portuguese, for families to know what to tell staff.</li></ul>"
    ),
    *LTC_BODY_V1[2:],
]

TOOLKITS = [
    {
        "slug": "ed-sepsis-recognition-time-zero",
        "title": "Emergency department sepsis recognition and time zero",
        "summary": (
            "A triage screen, one shared definition of time zero and a first-hour checklist that "
            "help emergency department teams find sepsis early and start treatment fast. For ED "
            "nurses and clinicians, and the quality staff who review sepsis cases."
        ),
        "care_settings": ["emergency-department", "ems"],
        "audiences": ["nurses", "physicians", "quality-safety-leads"],
        "populations": ["adult"],
        "topics": ["recognition-screening", "treatment-bundles"],
        "recommendation": (
            "<p>Screen every adult at triage for a suspected infection with abnormal vital signs or new "
            "confusion. Record time zero as the earliest time at which the patient met sepsis criteria, "
            "and give antibiotics within 1 hour of time zero.</p>"
        ),
        "rationale": (
            "<p>Every hour of delay in completing the sepsis bundle and giving antibiotics is linked to "
            "higher in-hospital mortality. A shared definition of time zero lets teams measure the same "
            "thing, learn from their delays and compare results with other member hospitals.</p>"
        ),
        "body": ED_BODY_V1,
        "evidence": ["ssc-2021", "seymour-2017", "liu-2017", "sepsis-3"],
        "version": "1.0",
        "release_date": datetime.date(2024, 2, 12),
        "license": "cc-by-4.0",
        "related": ["pediatric-sepsis-bundle", "sepsis-data-measurement-guide"],
        "files": [
            resource(
                "ed-checklist-v1",
                "pdf",
                "ed-time-zero-checklist-v1.pdf",
                "The screen, time zero and the first-hour checklist on one page.",
            ),
            resource(
                "ed-checklist-v1",
                "docx",
                "ed-time-zero-checklist-v1.docx",
                "Editable version to add your hospital's logo and phone numbers.",
            ),
        ],
        "next_version": {
            "version": "2.0",
            "release_date": datetime.date(2025, 9, 15),
            "recommendation": (
                "<p>Screen every adult at triage for a suspected infection with abnormal vital signs or new "
                "confusion, and record time zero as the earliest time at which the patient met sepsis "
                "criteria. Then:</p>"
                "<ul><li>for possible septic shock or probable sepsis, give antibiotics immediately, "
                "ideally within 1 hour of time zero;</li>"
                "<li>for possible sepsis without shock, complete a rapid assessment and, if concern for "
                "infection remains, give antibiotics within 3 hours of time zero.</li></ul>"
            ),
            "body": ED_BODY_V2,
            "change_log": (
                "<ul><li>Antibiotic timing now follows the 2021 Surviving Sepsis Campaign guidelines: "
                "within 1 hour for possible shock or probable sepsis, and within 3 hours after a rapid "
                "assessment for possible sepsis without shock.</li>"
                "<li>Time zero for patients brought in with a prehospital sepsis alert is the triage time.</li>"
                "<li>New audit worksheet for members' quality teams.</li></ul>"
            ),
            "files": [
                resource(
                    "ed-checklist-v2",
                    "pdf",
                    "ed-time-zero-checklist-v2.pdf",
                    "The screen, time zero and the first-hour checklist.",
                ),
                resource(
                    "ed-checklist-v2",
                    "docx",
                    "ed-time-zero-checklist-v2.docx",
                    "Editable version to add your hospital's logo and phone numbers.",
                ),
                resource(
                    "ed-audit-v2",
                    "pdf",
                    "ed-sepsis-audit-worksheet-v2.pdf",
                    "Monthly review of 20 charts, with a run chart of time to antibiotics.",
                    members=True,
                ),
            ],
        },
    },
    {
        "slug": "pediatric-sepsis-bundle",
        "title": "Pediatric sepsis recognition and first-hour bundle",
        "summary": (
            "An age-based screen and a first-hour bundle for infants, children and teenagers with "
            "suspected sepsis, with a family handout in Spanish. For emergency departments, "
            "pediatric units and PICUs, including hospitals that rarely see very sick children."
        ),
        "care_settings": ["pediatrics", "emergency-department", "icu"],
        "audiences": ["nurses", "physicians", "patients-families"],
        "populations": ["pediatric", "neonatal"],
        "topics": ["recognition-screening", "treatment-bundles", "education"],
        "recommendation": (
            "<p>Screen every child with fever or a suspected infection using limits for their age. When "
            "sepsis is suspected, obtain a blood culture, give antibiotics (within 1 hour for septic shock) "
            "and give 10 to 20 mL/kg fluid boluses for poor perfusion, reassessing after each one. Treat a "
            "parent's worry as a warning sign.</p>"
        ),
        "rationale": (
            "<p>Children can compensate for a long time and then get worse suddenly, and normal vital signs "
            "change with age. In New York, children whose 1-hour sepsis bundle was completed on time had "
            "lower in-hospital mortality than those whose bundle was not.</p>"
        ),
        "body": [
            heading("What is in this toolkit"),
            paragraph(
                "<ul><li><b>A screening tool</b> with heart rate and breathing rate limits by age, and a rule for "
                "babies under 28 days old with fever.</li>"
                "<li><b>A first-hour bundle</b> with fluid and antibiotic steps and when to call for transfer.</li>"
                "<li><b>A family handout</b> in Spanish on the signs that need 911.</li></ul>"
            ),
            example(
                HOSPITAL_ASSOCIATION,
                "Ready for children in community hospitals",
                "<p>Community hospitals in the Hospital Association named a pediatric sepsis champion in each "
                "emergency department and ran a simulation every quarter with the regional children's hospital.</p>",
            ),
            example(
                FAMILY_COUNCIL,
                "Families wrote the handout with us",
                "<p>Parents on the Patient and Family Advisory Council tested the handout and asked for a "
                "Spanish version first, because it is the language most often requested in the region's "
                "pediatric emergency departments.</p>",
            ),
        ],
        "evidence": ["weiss-2020-pediatric", "evans-2018-pediatric"],
        "version": "1.0",
        "release_date": datetime.date(2024, 11, 4),
        "license": "cc-by-nc-sa-4.0",
        "related": ["ed-sepsis-recognition-time-zero", "sepsis-awareness-campaign-kit"],
        "files": [
            resource(
                "pediatric-bundle",
                "pdf",
                "pediatric-sepsis-bundle-v1.pdf",
                "Screen and first-hour bundle for the bedside.",
            ),
            resource(
                "pediatric-bundle",
                "docx",
                "pediatric-sepsis-bundle-v1.docx",
                "Editable version to add your transfer line and age limits.",
                members=True,
            ),
            resource(
                "pediatric-family-es",
                "pdf",
                "pediatric-sepsis-family-handout-es.pdf",
                "Family handout in Spanish.",
            ),
        ],
    },
    {
        "slug": "long-term-care-early-warning",
        "title": "Early warning of sepsis in long-term care",
        "summary": (
            "A change-in-condition tool for nursing homes and assisted living: what nursing assistants "
            "report, the vital-sign triggers for calling the clinician, and when to call 911. For "
            "nurses, nursing assistants and directors of nursing."
        ),
        "care_settings": ["long-term-care", "ems"],
        "audiences": ["nurses", "quality-safety-leads"],
        "populations": ["adult"],
        "topics": ["recognition-screening", "transitions-of-care"],
        "recommendation": (
            "<p>Check vital signs and mental status whenever a resident has a suspected infection or staff "
            "notice a change. Call the clinician within 30 minutes when a resident meets two triggers, and "
            "call 911 straight away for a resident who is hard to wake or struggling to breathe.</p>"
        ),
        "rationale": (
            "<p>Older residents often have no fever; sepsis shows first as confusion, a fall, or eating and "
            "drinking less. Nursing assistants see these changes first. A shared list and a clear response "
            "time turn what they notice into a timely call.</p>"
        ),
        "body": LTC_BODY_V1,
        "evidence": ["sepsis-3", "news2-2017", "fay-2020"],
        "version": "1.0",
        "release_date": datetime.date(2024, 5, 20),
        "license": "cc-by-4.0",
        "related": ["home-health-sepsis-escalation", "sepsis-survivor-transitions"],
        "files": [
            resource(
                "ltc-tool-v1",
                "pdf",
                "ltc-early-warning-tool-v1.pdf",
                "The tool for each nursing station.",
            ),
        ],
        "next_version": {
            "version": "2.0",
            "release_date": datetime.date(2025, 6, 2),
            "body": LTC_BODY_V2,
            "audiences": ["nurses", "quality-safety-leads", "patients-families"],
            "topics": ["recognition-screening", "transitions-of-care", "education"],
            "change_log": (
                "<ul><li>New or worse confusion is now a reason to call the clinician on its own, even with "
                "normal vital signs.</li>"
                "<li>Adds an SBAR script for calling the clinician.</li>"
                "<li>Adds a family leaflet in Portuguese.</li>"
                "<li>An editable version for members.</li></ul>"
            ),
            "files": [
                resource(
                    "ltc-tool-v2",
                    "pdf",
                    "ltc-early-warning-tool-v2.pdf",
                    "The tool for each nursing station, with the SBAR script.",
                ),
                resource(
                    "ltc-tool-v2",
                    "docx",
                    "ltc-early-warning-tool-v2.docx",
                    "Editable version to add your home's phone numbers and clinicians.",
                    members=True,
                ),
                resource(
                    "ltc-family-pt",
                    "pdf",
                    "ltc-sepsis-family-leaflet-pt.pdf",
                    "Leaflet for families, in Portuguese.",
                ),
            ],
        },
    },
    {
        "slug": "home-health-sepsis-escalation",
        "title": "Home health sepsis screening and escalation",
        "summary": (
            "A visit screen and an escalation pathway for home health nurses and therapists, and a "
            "'When to call' card for patients and caregivers in English and Spanish."
        ),
        "care_settings": ["home-health", "primary-urgent-care"],
        "audiences": ["nurses", "patients-families"],
        "populations": ["adult"],
        "topics": ["recognition-screening", "transitions-of-care", "education"],
        "recommendation": (
            "<p>Screen patients at higher risk at every visit. For a positive screen, call the primary care "
            "clinician before leaving the home and agree a plan for the same day; call 911 for low blood "
            "pressure, new confusion or trouble breathing. Leave a 'When to call' card with every patient.</p>"
        ),
        "rationale": (
            "<p>Most sepsis begins outside the hospital, and many patients have had recent health care, such "
            "as a hospital stay. Home health staff are often the first clinicians to see the change, and "
            "caregivers need to know when not to wait for the next visit.</p>"
        ),
        "body": [
            heading("What is in this toolkit"),
            paragraph(
                "<ul><li><b>A visit screen</b> for patients with a recent hospital stay, a wound, a catheter or "
                "a long-term illness.</li>"
                "<li><b>An escalation pathway</b>: who to call, and how fast.</li>"
                "<li><b>A 'When to call' card</b> for patients and caregivers, also in Spanish.</li></ul>"
            ),
            example(
                HOME_CARE,
                "A call before leaving the home",
                "<p>Agencies in the Home Care Alliance agreed with local primary care practices on a direct "
                "phone line for positive screens, so nurses could reach a clinician before leaving the "
                "patient's home.</p>",
            ),
            example(
                ELDER_AFFAIRS,
                "Cards for caregivers",
                "<p>The Executive Office of Elder Affairs shared the card with home care aides through its "
                "regional agencies, with the Spanish version for Spanish-speaking families.</p>",
            ),
        ],
        "evidence": ["fay-2020", "prescott-2015-readmission", "prescott-angus-2018"],
        "version": "1.0",
        "release_date": datetime.date(2025, 1, 27),
        "license": "cc-by-4.0",
        "related": ["long-term-care-early-warning", "sepsis-survivor-transitions"],
        "files": [
            resource(
                "home-health-pathway",
                "pdf",
                "home-health-escalation-pathway-v1.pdf",
                "Visit screen and escalation pathway.",
            ),
            resource(
                "home-health-pathway",
                "docx",
                "home-health-escalation-pathway-v1.docx",
                "Editable version to add your agency's phone numbers.",
                members=True,
            ),
            resource(
                "home-health-card-es",
                "pdf",
                "home-health-when-to-call-card-es.pdf",
                "'When to call' card for patients and caregivers, in Spanish.",
            ),
        ],
    },
    {
        "slug": "antibiotic-timeout-de-escalation",
        "title": "Antibiotic time-out and de-escalation in sepsis",
        "summary": (
            "A time-out checklist that helps inpatient and ICU teams review empiric sepsis antibiotics "
            "after 48 to 72 hours, narrow or stop them when the picture is clear, and set how long to "
            "treat. For prescribers, pharmacists and stewardship teams."
        ),
        "care_settings": ["inpatient-ward", "icu"],
        "audiences": ["physicians", "pharmacists"],
        "populations": ["adult"],
        "topics": ["antimicrobial-stewardship", "treatment-bundles"],
        "recommendation": (
            "<p>Do not delay the first dose for suspected sepsis. Review antibiotics every day, and hold a "
            "documented time-out 48 to 72 hours after the first dose: stop them if infection is unlikely, "
            "narrow them to what was found, and write down the planned stop date.</p>"
        ),
        "rationale": (
            "<p>Fast, broad treatment saves lives in septic shock, but broad antibiotics kept on longer than "
            "needed cause side effects, <i>C. difficile</i> infection and resistance. A scheduled time-out "
            "keeps both aims in view.</p>"
        ),
        "body": [
            heading("What is in this toolkit"),
            paragraph(
                "<ul><li><b>A time-out checklist</b>: four questions, four possible decisions, and a stop date.</li>"
                "<li><b>Suggested wording</b> for the chart so that the decision and its reason are clear to "
                "the next team.</li></ul>"
            ),
            heading("How to put it in place"),
            paragraph(
                "<p>Ask the pharmacist to prompt the time-out on rounds for every patient on sepsis antibiotics "
                "for 48 hours. Count time-outs held and days of antibiotic therapy each month.</p>"
            ),
            example(
                HOSPITAL_ASSOCIATION,
                "Pharmacists prompt the time-out",
                "<p>Six hospitals in the Hospital Association added a pharmacist prompt to daily rounds. Teams "
                "wrote a stop date for most patients, and broad-spectrum use fell without a rise in "
                "readmissions.</p>",
            ),
        ],
        "evidence": ["ssc-2021", "barlam-2016", "kumar-2006"],
        "version": "1.0",
        "release_date": datetime.date(2025, 3, 10),
        "license": "cc-by-nc-4.0",
        "related": ["ed-sepsis-recognition-time-zero", "sepsis-data-measurement-guide"],
        "files": [
            resource(
                "antibiotic-timeout",
                "pdf",
                "antibiotic-timeout-checklist-v1.pdf",
                "The time-out checklist for rounds.",
            ),
            resource(
                "antibiotic-timeout",
                "docx",
                "antibiotic-timeout-checklist-v1.docx",
                "Editable version to adapt to your hospital's antibiotic guide.",
                members=True,
            ),
        ],
    },
    {
        "slug": "sepsis-survivor-transitions",
        "title": "Care transitions for sepsis survivors",
        "summary": (
            "A discharge plan, a handoff summary for the primary care team and a recovery checklist for "
            "survivors and families, in English and Portuguese, to support recovery and prevent "
            "readmission."
        ),
        "care_settings": ["inpatient-ward", "home-health", "primary-urgent-care"],
        "audiences": ["nurses", "physicians", "patients-families"],
        "populations": ["adult"],
        "topics": ["transitions-of-care", "survivorship"],
        "recommendation": (
            "<p>Before discharge, tell every survivor and their family that they had sepsis and what recovery "
            "can look like. Review medications, screen for new problems with function, thinking and mood, "
            "send a handoff summary to primary care, and book a follow-up visit within 2 weeks.</p>"
        ),
        "rationale": (
            "<p>Many sepsis survivors have new physical, mental or thinking problems, and readmission is "
            "common, often for another infection. Simple steps at discharge and in early follow-up help "
            "people recover and catch new infections sooner.</p>"
        ),
        "body": [
            heading("What is in this toolkit"),
            paragraph(
                "<ul><li><b>A transition plan</b> to complete before discharge.</li>"
                "<li><b>A handoff summary</b> for the primary care team.</li>"
                "<li><b>A recovery checklist</b> for survivors and families, in Portuguese as well as English.</li></ul>"
            ),
            example(
                SURVIVORS,
                "A call from someone who has been there",
                "<p>Volunteers from the Sepsis Survivors Network call survivors who agree to it in the weeks "
                "after discharge, to listen, share what helped them, and remind them of their follow-up visit.</p>",
            ),
            example(
                HEALTH_CENTERS,
                "A post-sepsis visit in community health centers",
                "<p>Health centers in the League of Community Health Centers built the handoff summary into a "
                "post-sepsis visit template, so the follow-up covers medications, function and mood every time.</p>",
            ),
        ],
        "evidence": ["prescott-angus-2018", "iwashyna-2010", "prescott-2015-readmission"],
        "version": "1.0",
        "release_date": datetime.date(2024, 9, 9),
        "license": "cc-by-4.0",
        "related": ["home-health-sepsis-escalation", "long-term-care-early-warning"],
        "files": [
            resource(
                "survivor-plan",
                "pdf",
                "sepsis-survivor-transition-plan-v1.pdf",
                "Transition plan and handoff summary.",
            ),
            resource(
                "survivor-plan",
                "docx",
                "sepsis-survivor-transition-plan-v1.docx",
                "Editable version to build into your discharge paperwork.",
                members=True,
            ),
            resource(
                "survivor-checklist-pt",
                "docx",
                "sepsis-recovery-checklist-pt.docx",
                "Recovery checklist for survivors and families, in Portuguese (editable).",
            ),
        ],
    },
    {
        "slug": "sepsis-awareness-campaign-kit",
        "title": "Sepsis awareness campaign kit",
        "summary": (
            "Posters, social media posts and talking points that teach the public the signs of sepsis and "
            "to ask 'Could this be sepsis?', in English, Spanish and Portuguese. For clinics, urgent care "
            "centers, pharmacies, ambulance services and community groups."
        ),
        "care_settings": ["primary-urgent-care", "ems"],
        "audiences": ["patients-families", "nurses", "pharmacists"],
        "populations": ["adult", "pediatric"],
        "topics": ["education", "recognition-screening"],
        "recommendation": (
            "<p>Use one message everywhere: if you have an infection and feel much worse, get care now and ask "
            "<b>could this be sepsis?</b> Put the posters where people wait, post the messages in September "
            "and through the year, and brief front-line staff with the talking points.</p>"
        ),
        "rationale": (
            "<p>Sepsis kills quickly, and most cases start at home. People who know the signs seek care sooner, "
            "and a direct question helps clinicians think of sepsis. One message repeated by many members "
            "is easier to remember than many different ones.</p>"
        ),
        "body": [
            heading("What is in this toolkit"),
            paragraph(
                "<ul><li><b>Posters</b> in English, Spanish and Portuguese.</li>"
                "<li><b>Social media posts</b> ready to copy.</li>"
                "<li><b>Talking points</b> for front desk, pharmacy and clinic staff.</li></ul>"
            ),
            example(
                PUBLIC_HEALTH,
                "Sepsis Awareness Month across the state",
                "<p>The Department of Public Health shared the posters with local boards of health and "
                "pharmacies for Sepsis Awareness Month, and posted one message a day in September.</p>",
            ),
            example(
                FAMILY_COUNCIL,
                "Tested with the people we want to reach",
                "<p>The Patient and Family Advisory Council read every message aloud with community members; "
                "words that people stumbled on were replaced before printing.</p>",
            ),
        ],
        "evidence": ["rudd-2020", "seymour-2017", "fay-2020"],
        "version": "1.0",
        "release_date": datetime.date(2025, 8, 18),
        "license": "cc-by-4.0",
        "related": ["pediatric-sepsis-bundle", "home-health-sepsis-escalation"],
        "files": [
            resource(
                "campaign-kit",
                "pdf",
                "sepsis-awareness-campaign-kit-v1.pdf",
                "Messages, posts and talking points.",
            ),
            resource(
                "campaign-kit",
                "docx",
                "sepsis-awareness-campaign-kit-v1.docx",
                "Editable messages to add your organization's name.",
                members=True,
            ),
            resource(
                "campaign-poster-es",
                "pdf",
                "sepsis-poster-es.pdf",
                "Poster in Spanish.",
            ),
            resource(
                "campaign-poster-pt",
                "pdf",
                "sepsis-poster-pt.pdf",
                "Poster in Portuguese.",
            ),
        ],
    },
    {
        "slug": "sepsis-data-measurement-guide",
        "title": "Sepsis data and measurement guide",
        "summary": (
            "How to measure sepsis care and outcomes the same way across member organizations: "
            "definitions, four core measures, and how to read run and control charts. For quality and "
            "safety leads, data analysts and executives."
        ),
        "care_settings": ["emergency-department", "inpatient-ward", "icu"],
        "audiences": ["quality-safety-leads", "executives"],
        "populations": ["adult", "pediatric"],
        "topics": ["data-measurement"],
        "recommendation": (
            "<p>Use Sepsis-3 for clinical work and Adult Sepsis Events from clinical data for surveillance. "
            "Track the four core measures monthly on run or control charts, act on signals rather than "
            "single months, and share counts with the consortium each quarter.</p>"
        ),
        "rationale": (
            "<p>Counts of sepsis based on billing codes rise and fall with coding practice; clinical data "
            "give a steadier picture. When members measure the same way, the consortium can tell real "
            "improvement from noise and learn from the members who improve most.</p>"
        ),
        "body": [
            heading("What is in this toolkit"),
            paragraph(
                "<ul><li><b>Definitions</b> for clinical work and surveillance.</li>"
                "<li><b>Four core measures</b>, with numerators and denominators.</li>"
                "<li><b>A guide to run and control charts</b>, and when to act on them.</li></ul>"
            ),
            example(
                HOSPITAL_ASSOCIATION,
                "One dashboard for every member hospital",
                "<p>The Hospital Association built a shared dashboard from the quarterly counts. Each hospital "
                "sees its own control charts beside the consortium's, with small counts suppressed.</p>",
            ),
            example(
                PUBLIC_HEALTH,
                "Surveillance from clinical data",
                "<p>The Department of Public Health piloted Adult Sepsis Event counts with five hospitals to "
                "compare them with counts from discharge codes.</p>",
            ),
        ],
        "evidence": [
            "rhee-2017",
            "rhee-2019-preventability",
            "cdc-core-elements-2023",
            "seymour-2017",
        ],
        "version": "1.0",
        "release_date": datetime.date(2025, 4, 14),
        "license": "cc-by-nc-4.0",
        "related": ["ed-sepsis-recognition-time-zero", "antibiotic-timeout-de-escalation"],
        "files": [
            resource(
                "data-guide",
                "pdf",
                "sepsis-data-measurement-guide-v1.pdf",
                "Definitions, measures and charts.",
            ),
            resource(
                "data-guide",
                "docx",
                "sepsis-data-measurement-guide-v1.docx",
                "Editable version with space for local notes.",
                members=True,
            ),
        ],
    },
]

FIRST_RELEASE = "<p>First release.</p>"
