"""Portuguese demonstration content of the public awareness pages.

Translated for this project from content_en.py into Brazilian Portuguese, which most
Portuguese speakers in Massachusetts read, addressing the reader as "você", in plain
language. "Sepse" is the Brazilian word for sepsis. The memory aid is CEDO ("early"): its
four signs are the same as those of the English HELP.
Each page is a dict of page fields with `body` in StreamField form.
"""

HOME = {
    "title": "Início",
    "hero_heading": "Reconheça a sepse cedo. Trate rápido.",
    "hero_text": (
        "A sepse é uma reação a uma infecção que coloca a vida em risco. Neste consórcio, "
        "profissionais de saúde, planos de saúde, órgãos do governo do estado, pesquisadores e "
        "pessoas que sobreviveram à sepse trabalham juntos. O objetivo é que todos os locais de "
        "atendimento em Massachusetts reconheçam a sepse rapidamente."
    ),
    "hero_link_text": "Pode ser sepse? Conheça os sinais",
    # The About page has no Portuguese translation in the demo: the link says so.
    "hero_secondary_link_text": "Sobre o consórcio (em inglês)",
    "intro": (
        "<p>A maioria dos casos de sepse começa fora do hospital, a partir de uma infecção nos "
        "pulmões, na pele, nas vias urinárias ou no intestino. Qualquer pessoa pode ter sepse. "
        "Bebês, idosos e pessoas com doenças crônicas correm mais risco.</p>"
    ),
}

HELP_MNEMONIC = {
    "heading": "Pensou em sepse? Lembre-se da palavra CEDO",
    "introduction": "Estas quatro letras ajudam você a lembrar os sinais.",
    "letters": [
        {
            "letter": "C",
            "word": "Confuso ou perdido",
            "explanation": "Está confuso, com muito sono, difícil de acordar ou falando coisas sem sentido.",
        },
        {
            "letter": "E",
            "word": "Extremamente quente ou frio",
            "explanation": "Febre alta, ou o corpo está frio, úmido e pegajoso, ou tremendo de frio.",
        },
        {
            "letter": "D",
            "word": "Dor muito forte",
            "explanation": "Dor ou mal-estar pior do que qualquer outro que a pessoa já sentiu.",
        },
        {
            "letter": "O",
            "word": "Ofegante",
            "explanation": "Respira muito rápido ou sente falta de ar. Muitas vezes o coração também bate muito rápido.",
        },
    ],
}

EMERGENCY_CALLOUT = {
    "level": "emergency",
    "heading": "Ligue para o 911 agora se uma pessoa com infecção tiver algum destes sinais",
    "text": (
        "<ul><li>Está confusa, com muito sono ou difícil de acordar.</li>"
        "<li>Está respirando muito rápido ou com dificuldade para respirar.</li>"
        "<li>A pele, os lábios ou a língua estão azulados, acinzentados, pálidos ou "
        "manchados.</li>"
        "<li>Tem manchas na pele que não somem quando você aperta um copo de vidro sobre "
        "elas.</li>"
        "<li>Diz que sente que pode morrer.</li></ul>"
    ),
    "show_call_button": True,
}

INDEX = {
    "slug": "sepse",
    "title": "Sepse: o que todos precisam saber",
    "introduction": (
        "A sepse é uma emergência médica. Ela acontece quando a luta do corpo contra uma "
        "infecção começa a prejudicar os próprios órgãos. O tratamento rápido salva vidas."
    ),
    "body": [
        ("callout", EMERGENCY_CALLOUT),
        (
            "paragraph",
            (
                "<p>Qualquer pessoa pode ter sepse. Ela pode começar com qualquer infecção, até "
                "com um corte pequeno, uma gripe ou uma infecção na bexiga. Conheça os sinais, "
                "saiba como diminuir o risco e encontre ajuda para a vida depois da sepse.</p>"
            ),
        ),
    ],
}

GUIDE = {
    "slug": "conheca-os-sinais",
    "title": "Sepse: conheça os sinais",
    "introduction": (
        "A sepse é a reação extrema do corpo a uma infecção. Ela pode matar em poucas horas. "
        "Se você acha que alguém está com sepse, ligue para o 911 ou vá ao pronto-socorro agora."
    ),
    "body": [
        ("callout", EMERGENCY_CALLOUT),
        (
            "symptom_list",
            {
                "audience": "adult",
                "heading": "Sinais de sepse em adultos",
                "introduction": "Procure estes sinais em alguém que está com uma infecção ou que esteve doente há pouco tempo.",
                "signs": [
                    {
                        "sign": "Febre, ou muito frio e tremores",
                        "detail": "Os idosos podem não ter febre nenhuma.",
                    },
                    {"sign": "Coração batendo rápido"},
                    {"sign": "Respiração rápida ou falta de ar"},
                    {"sign": "Confusão, muito sono ou dificuldade para acordar"},
                    {"sign": "Dor muito forte ou sensação de estar muito mal"},
                    {"sign": "Pele fria e úmida, suada ou manchada"},
                    {"sign": "Urinar (fazer xixi) pouco ou nada durante um dia"},
                ],
                "note": "Uma pessoa com sepse pode não ter todos estes sinais.",
            },
        ),
        (
            "symptom_list",
            {
                "audience": "child",
                "heading": "Sinais de sepse em crianças e bebês",
                "introduction": "As crianças podem piorar muito rápido. Ligue para o 911 se uma criança ou um bebê:",
                "signs": [
                    {
                        "sign": "Está respirando muito rápido, gemendo ou fazendo pausas entre as respirações"
                    },
                    {"sign": "Está mole, com muito sono ou difícil de acordar"},
                    {"sign": "Tem uma convulsão (ataque)"},
                    {"sign": "Tem a pele azulada, acinzentada, pálida ou manchada"},
                    {
                        "sign": "Tem manchas na pele que não somem quando você aperta um copo de vidro sobre elas"
                    },
                    {"sign": "Está frio quando você toca, mesmo com febre"},
                    {"sign": "Não molhou a fralda nem fez xixi em 12 horas"},
                    {
                        "sign": "É um bebê com menos de 3 meses e tem temperatura de 100.4 °F (38 °C) ou mais"
                    },
                ],
                "note": "Confie no seu instinto. Ninguém conhece seu filho melhor do que você.",
            },
        ),
        ("heading", {"text": "Sinais na pele morena ou negra", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Mudanças na cor da pele podem ser mais difíceis de ver na pele morena ou "
                "negra. Olhe os lábios, a língua, a parte de dentro das pálpebras, as palmas das "
                "mãos e as solas dos pés. Se estiverem azulados, acinzentados ou muito pálidos, "
                "ligue para o 911.</p>"
            ),
        ),
        ("mnemonic", HELP_MNEMONIC),
        ("heading", {"text": "Quem corre mais risco", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Qualquer pessoa pode ter sepse, mas o risco é maior para:</p>"
                "<ul><li>bebês com menos de um ano</li>"
                "<li>adultos com 65 anos ou mais</li>"
                "<li>pessoas com uma doença crônica, como diabetes, doença nos pulmões, doença "
                "nos rins ou câncer</li>"
                "<li>pessoas com as defesas do corpo fracas (sistema imunológico fraco)</li>"
                "<li>pessoas que já tiveram sepse ou que estiveram internadas no hospital há "
                "pouco tempo</li></ul>"
            ),
        ),
        ("heading", {"text": "Como diminuir o risco", "level": "h2"}),
        (
            "paragraph",
            (
                "<ul><li>Tome as vacinas que seu médico ou enfermeiro recomendar, como as vacinas "
                "contra gripe, COVID-19 e pneumonia.</li>"
                "<li>Lave as mãos com água e sabão muitas vezes ao dia.</li>"
                "<li>Limpe cortes e arranhões e mantenha-os cobertos até sararem.</li>"
                "<li>Procure atendimento logo se uma infecção não estiver melhorando.</li>"
                "<li>Tome os antibióticos exatamente como foi orientado.</li></ul>"
            ),
        ),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "Pergunte: pode ser sepse?",
                "text": (
                    "<p>Quando falar com um médico, um enfermeiro ou com o 911, diga que a pessoa "
                    "tem uma infecção e pergunte: <b>“Pode ser sepse?”</b> Conte o que mudou e com "
                    "que rapidez.</p>"
                ),
                "show_call_button": False,
            },
        ),
        (
            "faq",
            {
                "heading": "Perguntas frequentes",
                "questions": [
                    {
                        "question": "A sepse é contagiosa?",
                        "answer": "<p>Não. A sepse em si não passa de uma pessoa para outra. "
                        "Algumas infecções que levam à sepse podem passar, por isso lave as "
                        "mãos.</p>",
                    },
                    {
                        "question": "Como a sepse é tratada?",
                        "answer": "<p>No hospital, a equipe de saúde dá antibióticos e soro "
                        "rapidamente. Algumas pessoas precisam de ajuda para respirar ou para "
                        "manter a pressão do sangue.</p>",
                    },
                    {
                        "question": "Como é a vida depois da sepse?",
                        "answer": "<p>Muitas pessoas se recuperam totalmente. Algumas ficam "
                        "cansadas, fracas, preocupadas ou dormem mal durante meses. Existe ajuda "
                        "para você.</p>",
                    },
                ],
            },
        ),
        (
            "callout",
            {
                "level": "information",
                "heading": "A vida depois da sepse",
                "text": (
                    "<p>Se você ou alguém que você ama teve sepse, você não está sozinho. Leia a "
                    '<a linktype="page" id="{life_after}">nossa página sobre recuperação</a>, '
                    "para sobreviventes e famílias.</p>"
                ),
                "show_call_button": False,
            },
        ),
    ],
}

PREVENTION = {
    "slug": "prevenir-infeccoes",
    "title": "Como prevenir infecções",
    "introduction": (
        "A maioria dos casos de sepse começa com uma infecção. Hábitos simples diminuem a "
        "chance de ter uma infecção, e também sepse."
    ),
    "body": [
        ("heading", {"text": "Lave as mãos", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Lave as mãos com água e sabão por pelo menos 20 segundos. Faça isso antes de "
                "comer e depois de usar o banheiro, trocar uma fralda ou cuidar de alguém doente. "
                "Use álcool em gel quando não puder lavar as mãos.</p>"
            ),
        ),
        ("heading", {"text": "Mantenha as vacinas em dia", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>As vacinas protegem contra infecções que podem levar à sepse, como gripe, "
                "COVID-19 e pneumonia. Pergunte ao seu médico, enfermeiro ou farmacêutico quais "
                "vacinas você precisa tomar.</p>"
            ),
        ),
        ("heading", {"text": "Cuide de cortes e feridas", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Limpe cortes e arranhões com água limpa e mantenha-os cobertos. Procure um "
                "médico ou enfermeiro se uma ferida ficar vermelha, inchada, quente ou dolorida, "
                "ou se começar a sair pus.</p>"
            ),
        ),
        ("heading", {"text": "Controle suas doenças crônicas", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Se você tem diabetes, doença nos pulmões ou outra doença de longa duração, "
                "mantenha a doença sob controle e vá às suas consultas de rotina.</p>"
            ),
        ),
    ],
}

LIFE_AFTER = {
    "slug": "vida-depois-da-sepse",
    "title": "A vida depois da sepse",
    "introduction": (
        "A maioria das pessoas sobrevive à sepse. A recuperação pode levar tempo. Esta página é "
        "para quem sobreviveu e para as pessoas que cuidam delas."
    ),
    "body": [
        ("heading", {"text": "O que você pode sentir", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Depois da sepse, muitas pessoas se sentem muito cansadas e fracas durante "
                "semanas ou meses. Algumas dormem mal, têm pesadelos ou ficam tristes ou "
                "ansiosas. Outras têm dificuldade para pensar com clareza ou para lembrar das "
                "coisas. Esses problemas são comuns. Muitas vezes eles melhoram com o tempo.</p>"
            ),
        ),
        ("heading", {"text": "O que ajuda", "level": "h2"}),
        (
            "paragraph",
            (
                "<ul><li>Descanse e faça um pouco mais de atividade a cada semana.</li>"
                "<li>Alimente-se bem e beba bastante água.</li>"
                "<li>Antes de cada consulta, anote as perguntas para o seu médico.</li>"
                "<li>Converse com pessoas de confiança sobre como você se sente.</li>"
                "<li>Pergunte se um programa de reabilitação ou um grupo de apoio é bom para "
                "você.</li></ul>"
            ),
        ),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "A sepse pode voltar",
                "text": (
                    "<p>Quem já teve sepse uma vez tem mais chance de ter de novo. Se você tiver "
                    "uma infecção, procure atendimento logo e pergunte: pode ser sepse?</p>"
                ),
                "show_call_button": False,
            },
        ),
        ("heading", {"text": "Para famílias e cuidadores", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Cuidar de alguém depois da sepse é um trabalho pesado. Cuide de você também. "
                "Pergunte à equipe de saúde o que esperar e para quem ligar se algo mudar.</p>"
            ),
        ),
    ],
}

CAREGIVERS = {
    "slug": "para-pais-e-cuidadores",
    "title": "Para pais e cuidadores de crianças",
    "introduction": (
        "Bebês e crianças pequenas nem sempre conseguem dizer como se sentem. Veja o que "
        "observar e quando procurar ajuda."
    ),
    "body": [
        (
            "callout",
            {
                "level": "emergency",
                "heading": "Ligue para o 911 agora se uma criança",
                "text": (
                    "<ul><li>está mole, com muito sono ou difícil de acordar</li>"
                    "<li>está respirando muito rápido, gemendo ou fazendo pausas na "
                    "respiração</li>"
                    "<li>tem uma convulsão (ataque)</li>"
                    "<li>tem a pele, os lábios ou a língua azulados, acinzentados, pálidos ou "
                    "manchados</li>"
                    "<li>tem manchas na pele que não somem quando você aperta um copo de vidro "
                    "sobre elas</li>"
                    "<li>está fria quando você toca, mesmo com febre</li>"
                    "<li>não molhou a fralda nem fez xixi em 12 horas</li>"
                    "<li>é um bebê com menos de 3 meses e tem temperatura de 100.4 °F (38 °C) ou "
                    "mais</li></ul>"
                    "<p>Veja todos os sinais em crianças e bebês, e o que observar na pele morena "
                    'ou negra, na nossa página <a linktype="page" id="{guide}">Sepse: conheça os '
                    "sinais</a>.</p>"
                ),
                "show_call_button": True,
            },
        ),
        (
            "callout",
            {
                "level": "urgent",
                "heading": "Procure atendimento médico hoje se uma criança",
                "text": (
                    "<ul><li>tem febre e não está melhorando</li>"
                    "<li>não está comendo ou bebendo como de costume</li>"
                    "<li>está molhando menos fraldas do que o normal</li>"
                    "<li>tem uma infecção que parece estar piorando</li></ul>"
                ),
                "show_call_button": False,
            },
        ),
        ("heading", {"text": "Confie no seu instinto", "level": "h2"}),
        (
            "paragraph",
            (
                "<p>Ninguém conhece seu filho melhor do que você. Se seu filho parece muito "
                "doente, ou muito pior do que antes, procure ajuda mesmo sem saber bem por quê. "
                "Pergunte: pode ser sepse?</p>"
            ),
        ),
    ],
}
