"""Spanish demonstration content of the public awareness pages.

Translated for this project from content_en.py into neutral Latin American Spanish for
Spanish speakers in Massachusetts, addressing the reader as "usted", in plain language.
The memory aid is MIRE ("look"): its four signs are the same as those of the English HELP.
Each page is a dict of page fields with `body` in StreamField form.
"""

HOME = {
    "title": "Inicio",
    "hero_heading": "Detecte la sepsis a tiempo. Trátela rápido.",
    "hero_text": (
        "La sepsis es una reacción a una infección que pone la vida en peligro. En este "
        "consorcio trabajan juntos profesionales de la salud, aseguradoras, agencias del estado, "
        "investigadores y personas que sobrevivieron a la sepsis. Quieren que en todos los "
        "lugares de atención de Massachusetts se reconozca la sepsis rápido."
    ),
    "hero_link_text": "¿Podría ser sepsis? Conozca las señales",
    # The About page has no Spanish translation in the demo: the link says so.
    "hero_secondary_link_text": "Sobre el consorcio (en inglés)",
    "intro": (
        "<p>La mayoría de los casos de sepsis empiezan fuera del hospital, por una infección "
        "de los pulmones, la piel, las vías urinarias o el intestino. Cualquier persona puede "
        "tener sepsis. Los bebés, los adultos mayores y las personas con enfermedades crónicas "
        "tienen más riesgo.</p>"
    ),
}

HELP_MNEMONIC = {
    "heading": "¿Cree que es sepsis? Recuerde la palabra MIRE",
    "introduction": "Estas cuatro letras le ayudan a recordar las señales.",
    "letters": [
        {
            "letter": "M",
            "word": "Muy confundido",
            "explanation": "Está confundido, con mucho sueño, cuesta despertarlo o lo que dice no tiene sentido.",
        },
        {
            "letter": "I",
            "word": "Intenso dolor",
            "explanation": "Un dolor o malestar peor que cualquier otro que haya tenido en su vida.",
        },
        {
            "letter": "R",
            "word": "Respiración rápida",
            "explanation": "Respira muy rápido o le falta el aire. A menudo el corazón late muy rápido.",
        },
        {
            "letter": "E",
            "word": "Escalofríos o fiebre",
            "explanation": "Fiebre alta, o el cuerpo se siente frío, húmedo y pegajoso, o tiembla de frío.",
        },
    ],
}

EMERGENCY_CALLOUT = {
    "level": "emergency",
    "heading": "Llame al 911 ahora si una persona con una infección tiene alguna de estas señales",
    "text": (
        "<ul><li>Está confundida, tiene mucho sueño o cuesta despertarla.</li>"
        "<li>Respira muy rápido o le cuesta respirar.</li>"
        "<li>Su piel, sus labios o su lengua se ven azules, grises, pálidos o con manchas.</li>"
        "<li>Tiene un sarpullido que no se borra cuando usted aprieta un vaso de vidrio "
        "encima.</li>"
        "<li>Dice que siente que se podría morir.</li></ul>"
    ),
    "show_call_button": True,
}

INDEX = {
    "slug": "sepsis",
    "title": "Sepsis: lo que todos deben saber",
    "introduction": (
        "La sepsis es una emergencia médica. Ocurre cuando la lucha del cuerpo contra una "
        "infección empieza a dañar sus propios órganos. El tratamiento rápido salva vidas."
    ),
    "body": [
        ("callout", EMERGENCY_CALLOUT),
        (
            "paragraph",
            (
                "<p>Cualquier persona puede tener sepsis. Puede empezar con cualquier infección, "
                "incluso un corte pequeño, la gripe o una infección de la vejiga. Conozca las "
                "señales, aprenda a bajar el riesgo y encuentre ayuda para la vida después de la "
                "sepsis.</p>"
            ),
        ),
    ],
}

GUIDE = {
    "slug": "conozca-las-senales",
    "title": "Sepsis: conozca las señales",
    "introduction": (
        "La sepsis es la reacción extrema del cuerpo a una infección. Puede matar en pocas "
        "horas. Si cree que alguien tiene sepsis, llame al 911 o vaya a la sala de emergencias "
        "ahora."
    ),
    "body": [
        ("callout", EMERGENCY_CALLOUT),
        (
            "symptom_list",
            {
                "audience": "adult",
                "heading": "Señales de sepsis en adultos",
                "introduction": "Busque estas señales en una persona que tiene una infección o que estuvo enferma hace poco.",
                "signs": [
                    {
                        "sign": "Fiebre, o mucho frío y temblores",
                        "detail": "Es posible que los adultos mayores no tengan nada de fiebre.",
                    },
                    {"sign": "El corazón late rápido"},
                    {"sign": "Respiración rápida o falta de aire"},
                    {"sign": "Confusión, mucho sueño o dificultad para despertar"},
                    {"sign": "Dolor muy fuerte o sentirse muy mal"},
                    {"sign": "Piel fría y húmeda, sudada o con manchas"},
                    {"sign": "Orinar (hacer pipí) poco o nada durante un día"},
                ],
                "note": "Una persona con sepsis puede no tener todas estas señales.",
            },
        ),
        (
            "symptom_list",
            {
                "audience": "child",
                "heading": "Señales de sepsis en niños y bebés",
                "introduction": "Los niños se pueden enfermar muy rápido. Llame al 911 si un niño o un bebé:",
                "signs": [
                    {
                        "sign": "Respira muy rápido, se queja al respirar o hace pausas entre respiraciones"
                    },
                    {"sign": "Está muy flojo, tiene mucho sueño o cuesta despertarlo"},
                    {"sign": "Tiene una convulsión (ataque)"},
                    {"sign": "Tiene la piel azul, gris, pálida o con manchas"},
                    {
                        "sign": "Tiene un sarpullido que no se borra cuando usted aprieta un vaso de vidrio encima"
                    },
                    {"sign": "Está frío al tocarlo, aunque tenga fiebre"},
                    {"sign": "No ha mojado el pañal ni ha orinado en 12 horas"},
                    {
                        "sign": "Es un bebé de menos de 3 meses con una temperatura de 100.4 °F (38 °C) o más"
                    },
                ],
                "note": "Confíe en su instinto. Nadie conoce a su hijo mejor que usted.",
            },
        ),
        ("heading", {"text": "Señales en la piel morena o negra", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Los cambios de color pueden ser más difíciles de ver en la piel morena o "
                "negra. Mire los labios, la lengua, la parte de adentro de los párpados, las "
                "palmas de las manos y las plantas de los pies. Si se ven azules, grises o muy "
                "pálidos, llame al 911.</p>"
            ),
        ),
        ("mnemonic", HELP_MNEMONIC),
        ("heading", {"text": "Quién tiene más riesgo", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Cualquier persona puede tener sepsis, pero el riesgo es mayor para:</p>"
                "<ul><li>los bebés de menos de un año</li>"
                "<li>los adultos de 65 años o más</li>"
                "<li>las personas con una enfermedad crónica, como diabetes, enfermedad de los "
                "pulmones, enfermedad de los riñones o cáncer</li>"
                "<li>las personas con defensas bajas (un sistema inmunitario débil)</li>"
                "<li>las personas que ya tuvieron sepsis o que estuvieron en el hospital hace "
                "poco</li></ul>"
            ),
        ),
        ("heading", {"text": "Cómo bajar el riesgo", "level": "h2"}),
        (
            "paragraph",
            (
                "<ul><li>Póngase las vacunas que le recomiende su médico o enfermera, como las "
                "vacunas contra la gripe, el COVID-19 y la neumonía.</li>"
                "<li>Lávese las manos con agua y jabón a menudo.</li>"
                "<li>Limpie los cortes y raspones, y manténgalos cubiertos hasta que sanen.</li>"
                "<li>Busque atención pronto si una infección no mejora.</li>"
                "<li>Tome los antibióticos tal como se lo indicaron.</li></ul>"
            ),
        ),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "Pregunte: ¿podría ser sepsis?",
                "text": (
                    "<p>Cuando hable con un médico, una enfermera o el 911, diga que la persona "
                    "tiene una infección y pregunte: <b>“¿Podría ser sepsis?”</b> Diga qué ha "
                    "cambiado y qué tan rápido.</p>"
                ),
                "show_call_button": False,
            },
        ),
        (
            "faq",
            {
                "heading": "Preguntas frecuentes",
                "questions": [
                    {
                        "question": "¿La sepsis es contagiosa?",
                        "answer": "<p>No. La sepsis en sí no pasa de una persona a otra. "
                        "Algunas infecciones que causan sepsis sí se contagian, así que lávese "
                        "las manos.</p>",
                    },
                    {
                        "question": "¿Cómo se trata la sepsis?",
                        "answer": "<p>En el hospital, el equipo médico da antibióticos y "
                        "líquidos (sueros) rápido. Algunas personas necesitan ayuda para respirar "
                        "o para que la presión de la sangre no baje demasiado.</p>",
                    },
                    {
                        "question": "¿Cómo es la vida después de la sepsis?",
                        "answer": "<p>Muchas personas se recuperan por completo. Algunas se "
                        "sienten cansadas, débiles o preocupadas, o duermen mal durante meses. "
                        "Hay ayuda para usted.</p>",
                    },
                ],
            },
        ),
        (
            "callout",
            {
                "level": "information",
                "heading": "La vida después de la sepsis",
                "text": (
                    "<p>Si usted o un ser querido tuvo sepsis, no está solo. Lea nuestra "
                    '<a linktype="page" id="{life_after}">página sobre la recuperación</a>, '
                    "para sobrevivientes y familias.</p>"
                ),
                "show_call_button": False,
            },
        ),
    ],
}

PREVENTION = {
    "slug": "prevenir-infecciones",
    "title": "Cómo prevenir infecciones",
    "introduction": (
        "La mayoría de los casos de sepsis empiezan con una infección. Algunos hábitos "
        "sencillos bajan el riesgo de tener una infección, y también sepsis."
    ),
    "body": [
        ("heading", {"text": "Lávese las manos", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Lávese las manos con agua y jabón por lo menos 20 segundos. Hágalo antes de "
                "comer y después de ir al baño, de cambiar un pañal o de cuidar a una persona "
                "enferma. Use gel desinfectante para manos cuando no se pueda lavar.</p>"
            ),
        ),
        ("heading", {"text": "Tenga sus vacunas al día", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Las vacunas protegen contra infecciones que pueden causar sepsis, como la "
                "gripe, el COVID-19 y la neumonía. Pregunte a su médico, enfermera o farmacéutico "
                "cuáles necesita.</p>"
            ),
        ),
        ("heading", {"text": "Cuide los cortes y las heridas", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Limpie los cortes y raspones con agua limpia, y manténgalos cubiertos. Vea a "
                "un médico o enfermera si una herida se pone roja, hinchada, caliente o "
                "adolorida, o si empieza a salir pus.</p>"
            ),
        ),
        ("heading", {"text": "Controle sus enfermedades crónicas", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Si tiene diabetes, una enfermedad de los pulmones u otra enfermedad de larga "
                "duración, manténgala bajo control y no falte a sus chequeos médicos.</p>"
            ),
        ),
    ],
}

LIFE_AFTER = {
    "slug": "vida-despues-de-la-sepsis",
    "title": "La vida después de la sepsis",
    "introduction": (
        "La mayoría de las personas sobreviven a la sepsis. Recuperarse puede llevar tiempo. "
        "Esta página es para los sobrevivientes y para quienes los cuidan."
    ),
    "body": [
        ("heading", {"text": "Lo que puede sentir", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Después de la sepsis, muchas personas se sienten muy cansadas y débiles "
                "durante semanas o meses. Algunas duermen mal, tienen pesadillas o se sienten "
                "tristes o nerviosas. A otras les cuesta pensar con claridad o recordar cosas. "
                "Estos problemas son comunes. Muchas veces mejoran con el tiempo.</p>"
            ),
        ),
        ("heading", {"text": "Lo que ayuda", "level": "h2"}),
        (
            "paragraph",
            (
                "<ul><li>Descanse, y haga un poco más de actividad cada semana.</li>"
                "<li>Coma bien y tome suficiente agua.</li>"
                "<li>Antes de cada cita, anote las preguntas que tiene para su médico.</li>"
                "<li>Hable de cómo se siente con personas de confianza.</li>"
                "<li>Pregunte si le puede servir un programa de rehabilitación o un grupo de "
                "apoyo.</li></ul>"
            ),
        ),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "La sepsis puede volver",
                "text": (
                    "<p>Si ya tuvo sepsis una vez, tiene más riesgo de tenerla otra vez. Si tiene "
                    "una infección, busque atención pronto y pregunte: ¿podría ser sepsis?</p>"
                ),
                "show_call_button": False,
            },
        ),
        ("heading", {"text": "Para familias y cuidadores", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Cuidar a una persona después de la sepsis es un trabajo duro. Cuídese usted "
                "también. Pregunte al equipo médico qué puede esperar y a quién llamar si algo "
                "cambia.</p>"
            ),
        ),
    ],
}

CAREGIVERS = {
    "slug": "para-padres-y-cuidadores",
    "title": "Para padres y cuidadores de niños",
    "introduction": (
        "Los bebés y los niños pequeños no siempre pueden decir cómo se sienten. Aquí le "
        "decimos qué vigilar y cuándo buscar ayuda."
    ),
    "body": [
        (
            "callout",
            {
                "level": "emergency",
                "heading": "Llame al 911 ahora si un niño",
                "text": (
                    "<ul><li>está muy flojo, tiene mucho sueño o cuesta despertarlo</li>"
                    "<li>respira muy rápido, se queja al respirar o hace pausas al respirar</li>"
                    "<li>tiene una convulsión (ataque)</li>"
                    "<li>tiene la piel, los labios o la lengua azules, grises, pálidos o con "
                    "manchas</li>"
                    "<li>tiene un sarpullido que no se borra cuando usted aprieta un vaso de "
                    "vidrio encima</li>"
                    "<li>está frío al tocarlo, aunque tenga fiebre</li>"
                    "<li>no ha mojado el pañal ni ha orinado en 12 horas</li>"
                    "<li>es un bebé de menos de 3 meses con una temperatura de 100.4 °F (38 °C) o "
                    "más</li></ul>"
                    "<p>Vea todas las señales en niños y bebés, y qué mirar en la piel morena o "
                    'negra, en nuestra página <a linktype="page" id="{guide}">Sepsis: conozca '
                    "las señales</a>.</p>"
                ),
                "show_call_button": True,
            },
        ),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "Busque atención médica hoy si un niño",
                "text": (
                    "<ul><li>tiene fiebre y no mejora</li>"
                    "<li>no come ni toma líquidos como siempre</li>"
                    "<li>moja menos pañales que de costumbre</li>"
                    "<li>tiene una infección que se ve peor</li></ul>"
                ),
                "show_call_button": False,
            },
        ),
        ("heading", {"text": "Confíe en su instinto", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Nadie conoce a su hijo mejor que usted. Si su hijo se ve muy enfermo, o mucho "
                "peor que antes, busque ayuda aunque no sepa bien por qué. Pregunte: ¿podría ser "
                "sepsis?</p>"
            ),
        ),
    ],
}
