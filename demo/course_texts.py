"""The four demo courses of Musterstadt, in German (issue 3, "Demo content").

Plain data: `demo.courses` turns it into pages. Block tuples:
("heading", text) · ("text", html) · ("image", image key, alt, caption) ·
("callout", kind, title, html) · ("steps", title, intro, [(html, image key | None, alt)]) ·
("document", document key, link text, description) · ("quiz", title, intro, [question]) ·
("sandbox", title, description, process id, case id, mode) · ("ack", title, html, statement).
Questions: ("single" | "multiple", text, [(option, correct, feedback)], explanation) ·
("true_false", text, bool, explanation) · ("ordering", text, [steps in order], explanation) ·
("numeric", text, answer, tolerance, unit, explanation).
Fees, rates and deadlines are Musterstadt's invented figures.
"""

HUND = {
    "slug": "hund-anmelden-digital",
    "title": "Hund anmelden – digital",
    "initiative": "Hund anmelden – digital",
    "summary": "Wie die Online-Hundeanmeldung läuft: vom Antrag im Serviceportal über die "
    "Prüfung im Ordnungsamt bis zur Hundesteuer – und warum die Steuerstelle nur wenige "
    "Angaben erhält.",
    "goals": "<ul><li>den digitalen Ablauf zwischen Ordnungsamt und Finanzen erklären</li>"
    "<li>einen Antrag im Fachverfahren prüfen, auch für gefährliche Hunde</li>"
    "<li>die Hundesteuer richtig auslösen</li><li>nur die nötigen Daten übergeben</li></ul>",
    "target_group": "Beschäftigte im Ordnungsamt (Hundewesen) und in der Steuerstelle",
    "minutes": 45,
    "cover": "cover_hund",
    "cover_alt": "Titelbild: gezeichneter Hund auf blauem Grund",
    "mandatory": False,
    "validity": None,
    "lessons": [
        {
            "slug": "ablauf-im-ueberblick",
            "title": "Der neue Ablauf im Überblick",
            "summary": "Wer macht was, wenn ein Hund online angemeldet wird?",
            "minutes": 10,
            "body": [
                (
                    "text",
                    "<p>Bisher kam die Hundeanmeldung auf Papier ins Ordnungsamt, "
                    "wurde abgetippt und per Hauspost an die Steuerstelle weitergegeben. Ab "
                    "jetzt stellen Bürgerinnen und Bürger den Antrag rund um die Uhr im "
                    "Serviceportal der Stadt. Der Antrag landet direkt im Fachverfahren – "
                    "niemand muss mehr etwas abtippen.</p>",
                ),
                ("heading", "Zwei Ämter, ein Vorgang"),
                (
                    "text",
                    "<p>Das <b>Ordnungsamt</b> prüft, ob der Hund als gefährlich "
                    "gilt, und nimmt die Anmeldung an. Danach übergibt das Fachverfahren "
                    "automatisch die Angaben, die die <b>Steuerstelle</b> für den "
                    "Steuerbescheid braucht. Beide Ämter sehen ihren Teil des Vorgangs, "
                    "nicht mehr.</p>",
                ),
                (
                    "image",
                    "hund_ablauf",
                    "Ablaufdiagramm mit zwei Bahnen: Im Ordnungsamt gehen Antrag eingehen, "
                    "Rasse prüfen und Anmeldung bestätigen; danach in den Finanzen "
                    "Steuerpflicht anlegen und Bescheid versenden.",
                    "Der digitale Ablauf: vom Eingang bis zum Steuerbescheid",
                ),
                (
                    "callout",
                    "tip",
                    "Keine Sorge vor Fehlern",
                    "<p>Im Übungsraum können Sie jeden Schritt mit erfundenen Fällen "
                    "ausprobieren. Dort zählt nichts, und niemand sieht Ihre Versuche.</p>",
                ),
            ],
        },
        {
            "slug": "antraege-pruefen",
            "title": "Anträge im Fachverfahren prüfen",
            "summary": "Schritt für Schritt durch die Prüfung – auch bei gefährlichen Hunden.",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Jeder Online-Antrag erscheint im Posteingang des "
                    "Fachverfahrens. Sie prüfen Halterin oder Halter, Rasse und Anzahl der "
                    "Hunde. Steht die Rasse auf der Liste der Hundeverordnung, braucht es "
                    "einen Sachkundenachweis und eine Haftpflichtversicherung.</p>",
                ),
                (
                    "steps",
                    "So geht's: einen Antrag prüfen",
                    "",
                    [
                        (
                            "<p>Öffnen Sie den <b>Posteingang</b> und wählen Sie den neuen "
                            "Antrag aus.</p>",
                            None,
                            "",
                        ),
                        (
                            "<p>Vergleichen Sie die angegebene <b>Rasse</b> mit der Liste der "
                            "Hundeverordnung. Kreuzen Sie „Gefährlicher Hund“ an, wenn sie "
                            "darauf steht.</p>",
                            "hund_formular",
                            "Bildschirmfoto des Prüfformulars mit den Feldern Halterin, Rasse, "
                            "Anzahl der Hunde und dem Kästchen Gefährlicher Hund.",
                        ),
                        (
                            "<p>Bei einem gefährlichen Hund: Prüfen Sie den "
                            "<b>Sachkundenachweis</b> und die Versicherung. Fehlt etwas, fordern "
                            "Sie es über die Schaltfläche „Nachreichung anfordern“ an.</p>",
                            None,
                            "",
                        ),
                        (
                            "<p>Klicken Sie auf <b>„Anmeldung bestätigen“</b>. Das Verfahren "
                            "übergibt jetzt die nötigen Angaben an die Steuerstelle.</p>",
                            None,
                            "",
                        ),
                    ],
                ),
                (
                    "callout",
                    "important",
                    "Gefährliche Hunde",
                    "<p>Ohne Sachkundenachweis darf ein gefährlicher Hund nicht "
                    "angemeldet werden. Lehnen Sie nicht selbst ab, sondern fordern Sie den "
                    "Nachweis an – die Frist setzt das Verfahren automatisch.</p>",
                ),
                (
                    "sandbox",
                    "Im Übungsraum: eine Erstanmeldung prüfen",
                    "Prüfen Sie die Anmeldung eines Labradors von Anfang bis Ende. Der "
                    "geführte Modus zeigt Ihnen bei jedem Schritt, was zu tun ist.",
                    "hund_anmelden",
                    "labrador",
                    "guided",
                ),
            ],
        },
        {
            "slug": "hundesteuer-und-datenuebergabe",
            "title": "Hundesteuer und Datenübergabe",
            "summary": "Was die Steuerstelle bekommt, was nicht – und die Steuersätze.",
            "minutes": 20,
            "body": [
                (
                    "text",
                    "<p>In Musterstadt kostet der erste Hund <b>96 € im Jahr</b>, "
                    "jeder weitere 144 €. Für einen gefährlichen Hund gilt ein Satz von "
                    "600 €. Die Steuerpflicht beginnt mit dem Monat, in dem der Hund in den "
                    "Haushalt kommt.</p>",
                ),
                ("heading", "Nur was nötig ist"),
                (
                    "text",
                    "<p>Für den Steuerbescheid braucht die Steuerstelle Name und "
                    "Anschrift, die Anzahl der Hunde, den Beginn der Steuerpflicht und ob "
                    "ein Hund als gefährlich eingestuft ist. Sachkundenachweis, "
                    "Versicherungsnummer oder Telefonnummer bleiben im Ordnungsamt.</p>",
                ),
                (
                    "image",
                    "hund_uebergabe",
                    "Übersicht: Name, Anschrift, Anzahl der Hunde, Beginn der Steuerpflicht "
                    "und Einstufung gefährlich werden an die Finanzen übergeben; "
                    "Telefonnummer, Sachkundenachweis und Versicherungsnummer bleiben im "
                    "Ordnungsamt.",
                    "Was an die Steuerstelle übergeben wird",
                ),
                (
                    "callout",
                    "data_protection",
                    "Keine Bürgerakte",
                    "<p>Die Ämter führen keine gemeinsame Akte über eine Person. Jede "
                    "Stelle sieht nur, was sie für ihre Aufgabe braucht.</p>",
                ),
                (
                    "quiz",
                    "Wissen prüfen: Hund anmelden",
                    "",
                    [
                        (
                            "single",
                            "Wer stuft einen Hund als gefährlich ein?",
                            [
                                (
                                    "das Ordnungsamt",
                                    True,
                                    "Genau: Das Ordnungsamt prüft die Rasse "
                                    "gegen die Liste der Hundeverordnung.",
                                ),
                                (
                                    "die Steuerstelle",
                                    False,
                                    "Die Steuerstelle setzt nur die Steuer "
                                    "fest; sie übernimmt die Einstufung des Ordnungsamts.",
                                ),
                                (
                                    "die Halterin selbst im Antrag",
                                    False,
                                    "Sie gibt die Rasse an, "
                                    "die Einstufung trifft aber das Amt.",
                                ),
                            ],
                            "Die Einstufung ist eine Aufgabe des Ordnungsamts; die Steuerstelle "
                            "übernimmt nur das Ergebnis „gefährlich: ja/nein“.",
                        ),
                        (
                            "multiple",
                            "Welche Angaben erhält die Steuerstelle?",
                            [
                                ("Name und Anschrift", True, ""),
                                ("Anzahl der Hunde", True, ""),
                                (
                                    "Telefonnummer",
                                    False,
                                    "Die Telefonnummer braucht die "
                                    "Steuerstelle für den Bescheid nicht.",
                                ),
                                (
                                    "Sachkundenachweis",
                                    False,
                                    "Der Nachweis bleibt im Ordnungsamt.",
                                ),
                                ("Beginn der Steuerpflicht", True, ""),
                            ],
                            "Übergeben wird nur, was für den Steuerbescheid nötig ist "
                            "(Datenminimierung, Art. 5 DSGVO).",
                        ),
                        (
                            "true_false",
                            "Ein gefährlicher Hund darf ohne Sachkundenachweis "
                            "angemeldet werden, wenn die Halterin verspricht, ihn nachzureichen.",
                            False,
                            "Ohne Nachweis keine Anmeldung: Sie fordern ihn über das "
                            "Verfahren an, die Frist läuft automatisch.",
                        ),
                        (
                            "ordering",
                            "Bringen Sie die Schritte in die richtige Reihenfolge.",
                            [
                                "Antrag im Serviceportal eingehen lassen",
                                "Rasse gegen die Liste prüfen",
                                "Anmeldung bestätigen",
                                "Steuerpflicht in den Finanzen anlegen",
                            ],
                            "Erst prüft das Ordnungsamt, dann übernimmt die Steuerstelle.",
                        ),
                        (
                            "numeric",
                            "Frau Muster meldet ihren zweiten Hund an (keiner ist "
                            "gefährlich). Wie viel Hundesteuer zahlt sie im Jahr insgesamt?",
                            "240",
                            "0",
                            "€",
                            "96 € für den ersten Hund plus 144 € für den "
                            "zweiten ergeben 240 €.",
                        ),
                        (
                            "true_false",
                            "Die Steuerpflicht beginnt mit dem Monat, in dem der "
                            "Hund in den Haushalt kommt.",
                            True,
                            "So steht es in der Hundesteuersatzung von Musterstadt.",
                        ),
                    ],
                ),
            ],
        },
    ],
}

AUSWEIS = {
    "slug": "personalausweis-digital",
    "title": "Personalausweis beantragen – digital",
    "initiative": "Personalausweis beantragen – digital",
    "summary": "Online-Termin, digitales Lichtbild, Gebühren und die Online-Ausweisfunktion: "
    "der neue Ablauf im Bürgerbüro.",
    "goals": "<ul><li>Termine im Online-Kalender verwalten</li><li>ein digitales Lichtbild "
    "prüfen und übernehmen</li><li>die richtige Gebühr berechnen</li><li>die "
    "Online-Ausweisfunktion verständlich erklären</li></ul>",
    "target_group": "Beschäftigte im Bürgerbüro, Team Pass- und Ausweiswesen",
    "minutes": 40,
    "cover": "cover_ausweis",
    "cover_alt": "Titelbild: gezeichneter Ausweis auf grünem Grund",
    "mandatory": False,
    "validity": None,
    "lessons": [
        {
            "slug": "termin-und-vorbereitung",
            "title": "Termin online buchen und vorbereiten",
            "summary": "Der Online-Kalender ersetzt die Wartenummer.",
            "minutes": 10,
            "body": [
                (
                    "text",
                    "<p>Bürgerinnen und Bürger buchen ihren Termin jetzt selbst im "
                    "Serviceportal. Sie wählen die Leistung „Personalausweis beantragen“ und "
                    "bekommen eine Bestätigung mit allem, was sie mitbringen sollen: den "
                    "alten Ausweis oder die Geburtsurkunde und – falls nicht im Bürgerbüro "
                    "aufgenommen – den Code ihres digitalen Lichtbilds.</p>",
                ),
                (
                    "steps",
                    "So geht's: den Tag vorbereiten",
                    "Jeden Morgen vor 8 Uhr:",
                    [
                        (
                            "<p>Öffnen Sie im Terminkalender die <b>Tagesansicht</b> Ihres "
                            "Schalters.</p>",
                            "ausweis_termin",
                            "Bildschirmfoto der Terminbuchung mit Leistung, Datum, Uhrzeit und "
                            "der Schaltfläche Termin buchen.",
                        ),
                        (
                            "<p>Prüfen Sie, ob bei Terminen für Kinder ein zweiter Elternteil "
                            "zustimmen muss (Hinweis-Symbol).</p>",
                            None,
                            "",
                        ),
                        (
                            "<p>Sperren Sie Zeiten für Abholungen, damit keine Doppelbuchungen "
                            "entstehen.</p>",
                            None,
                            "",
                        ),
                    ],
                ),
                (
                    "callout",
                    "tip",
                    "Ausfall melden",
                    "<p>Fällt ein Schalter aus, verschieben Sie Termine über „Termine "
                    "umbuchen“. Die Betroffenen werden automatisch per E-Mail "
                    "benachrichtigt.</p>",
                ),
            ],
        },
        {
            "slug": "lichtbild-und-antrag",
            "title": "Lichtbild und Antrag erfassen",
            "summary": "Digitales Lichtbild, Fingerabdrücke, Unterschrift und Gebühren.",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Lichtbilder kommen nur noch digital: vom zertifizierten "
                    "Fotostudio über einen Code oder direkt vom Selbstbedienungsterminal im "
                    "Bürgerbüro. Sie prüfen, ob das Bild biometrisch geeignet ist: neutraler "
                    "Blick, Augen offen und sichtbar, keine Sonnenbrille, gleichmäßiges "
                    "Licht.</p>",
                ),
                ("heading", "Gebühren"),
                (
                    "text",
                    "<p>Der Personalausweis kostet <b>37,00 €</b> ab 24 Jahren und "
                    "<b>22,80 €</b> für Jüngere. Für die Expressbestellung kommen 32,00 € "
                    "hinzu; ein Lichtbild am Terminal kostet 6,00 €.</p>",
                ),
                (
                    "callout",
                    "important",
                    "Sonnenbrille, Mütze, Schatten",
                    "<p>Weisen Sie ungeeignete Bilder freundlich zurück und bieten Sie das "
                    "Terminal an. Eine Ausnahme gibt es nur bei medizinischen Gründen.</p>",
                ),
                (
                    "sandbox",
                    "Im Übungsraum: einen Antrag aufnehmen",
                    "Nehmen Sie den Antrag einer Erwachsenen im normalen Verfahren auf – im "
                    "Übungsmodus bekommen Sie nach jedem Schritt eine Rückmeldung.",
                    "personalausweis",
                    "erwachsen-normal",
                    "practice",
                ),
            ],
        },
        {
            "slug": "online-ausweisfunktion",
            "title": "Online-Ausweisfunktion und Aushändigung",
            "summary": "PIN-Brief, Aushändigung und was die Online-Ausweisfunktion kann.",
            "minutes": 15,
            "body": [
                (
                    "text",
                    "<p>Jeder neue Ausweis hat die Online-Ausweisfunktion. Mit ihr "
                    "weisen sich Menschen im Internet sicher aus, zum Beispiel im "
                    "Serviceportal der Stadt. Die Bundesdruckerei schickt den PIN-Brief an "
                    "die Meldeadresse; die sechsstellige PIN legt die Person selbst fest.</p>",
                ),
                (
                    "text",
                    "<p>Bei der Aushändigung prüfen Sie die Identität und lassen sich "
                    "den alten Ausweis geben. Ist der PIN-Brief verloren, können Sie im "
                    "Bürgerbüro eine neue PIN setzen lassen.</p>",
                ),
                (
                    "quiz",
                    "Wissen prüfen: Personalausweis",
                    "",
                    [
                        (
                            "numeric",
                            "Was kostet ein Personalausweis für einen 30-jährigen "
                            "Antragsteller ohne Express?",
                            "37",
                            "0",
                            "€",
                            "Ab 24 Jahren beträgt die Gebühr 37,00 €.",
                        ),
                        (
                            "single",
                            "Welches Lichtbild übernehmen Sie?",
                            [
                                (
                                    "ein Bild vom zertifizierten Fotostudio mit gültigem Code",
                                    True,
                                    "",
                                ),
                                (
                                    "ein ausgedrucktes Foto aus dem Automaten am Bahnhof",
                                    False,
                                    "Papierbilder werden nicht mehr angenommen.",
                                ),
                                (
                                    "ein Handyfoto per E-Mail",
                                    False,
                                    "Das ist nicht sicher und "
                                    "nicht biometrisch geprüft.",
                                ),
                            ],
                            "Zulässig sind nur digitale Lichtbilder aus zertifizierter Quelle "
                            "oder vom Terminal im Bürgerbüro.",
                        ),
                        (
                            "multiple",
                            "Woran scheitert ein Lichtbild?",
                            [
                                ("Sonnenbrille", True, ""),
                                ("geschlossene Augen", True, ""),
                                (
                                    "neutraler Gesichtsausdruck",
                                    False,
                                    "Der ist gerade gewünscht.",
                                ),
                                ("starke Schatten im Gesicht", True, ""),
                            ],
                            "Biometrische Bilder brauchen offene, sichtbare Augen und "
                            "gleichmäßiges Licht.",
                        ),
                        (
                            "true_false",
                            "Die PIN der Online-Ausweisfunktion vergibt das "
                            "Bürgerbüro.",
                            False,
                            "Die Person legt ihre PIN selbst fest; sie "
                            "erhält dafür den PIN-Brief.",
                        ),
                        (
                            "ordering",
                            "In welcher Reihenfolge läuft die Beantragung?",
                            [
                                "Termin online buchen",
                                "Lichtbild prüfen",
                                "Fingerabdrücke und Unterschrift erfassen",
                                "Gebühr kassieren",
                                "Ausweis aushändigen",
                            ],
                            "Die Aushändigung folgt einige Wochen nach der Antragstellung.",
                        ),
                    ],
                ),
            ],
        },
    ],
}

BAU = {
    "slug": "bauantrag-digital-pruefen",
    "title": "Bauantrag digital prüfen",
    "initiative": "Bauantrag digital",
    "summary": "Vollständigkeit prüfen, Stellen beteiligen, entscheiden: wie die Bauaufsicht "
    "digitale Bauanträge bearbeitet.",
    "goals": "<ul><li>die Vollständigkeit eines Bauantrags anhand der Checkliste "
    "prüfen</li><li>andere Stellen digital beteiligen und Fristen überwachen</li>"
    "<li>eine nachvollziehbare Entscheidung vorbereiten</li></ul>",
    "target_group": "Beschäftigte der Bauaufsicht und der beteiligten Fachstellen",
    "minutes": 60,
    "cover": "cover_bau",
    "cover_alt": "Titelbild: gezeichnetes Haus auf orangem Grund",
    "mandatory": False,
    "validity": None,
    "lessons": [
        {
            "slug": "vollstaendigkeit-pruefen",
            "title": "Eingang und Vollständigkeitsprüfung",
            "summary": "Was ein vollständiger Bauantrag enthält und wie Sie nachfordern.",
            "minutes": 20,
            "body": [
                (
                    "text",
                    "<p>Bauanträge kommen über das Bauportal als Paket aus "
                    "Formularen und PDF-Plänen. Innerhalb von <b>drei Wochen</b> prüfen "
                    "Sie, ob alle Bauvorlagen da sind, und bestätigen den Eingang oder "
                    "fordern fehlende Unterlagen nach.</p>",
                ),
                (
                    "image",
                    "bau_checkliste",
                    "Checkliste mit Lageplan, Bauzeichnungen, Baubeschreibung, "
                    "Standsicherheitsnachweis und Nachweis der Bauvorlageberechtigung.",
                    "Die wichtigsten Bauvorlagen",
                ),
                (
                    "steps",
                    "So geht's: Vollständigkeit prüfen",
                    "",
                    [
                        (
                            "<p>Öffnen Sie den Vorgang und wählen Sie den Reiter "
                            "<b>Bauvorlagen</b>.</p>",
                            None,
                            "",
                        ),
                        (
                            "<p>Haken Sie jede Vorlage der Checkliste ab. Das Verfahren zeigt "
                            "fehlende Pflichtdokumente rot.</p>",
                            None,
                            "",
                        ),
                        (
                            "<p>Fehlt etwas, wählen Sie <b>„Nachforderung“</b>, markieren die "
                            "fehlenden Vorlagen und setzen eine Frist von einem Monat.</p>",
                            None,
                            "",
                        ),
                        (
                            "<p>Ist alles da, bestätigen Sie die Vollständigkeit. Das Datum "
                            "startet die Bearbeitungsfrist.</p>",
                            None,
                            "",
                        ),
                    ],
                ),
                (
                    "document",
                    "bau_checkliste_pdf",
                    "Checkliste Bauvorlagen (PDF)",
                    "Zum Ausdrucken oder für den zweiten Bildschirm.",
                ),
            ],
        },
        {
            "slug": "stellen-beteiligen",
            "title": "Andere Stellen beteiligen",
            "summary": "Stellungnahmen digital einholen – jede Stelle sieht nur ihren Teil.",
            "minutes": 20,
            "body": [
                (
                    "text",
                    "<p>Je nach Vorhaben beteiligen Sie die Stadtplanung "
                    "(Bebauungsplan), den Tiefbau (Erschließung), den Brandschutz und bei "
                    "Denkmälern die Denkmalpflege. Die Beteiligung läuft im Verfahren: Jede "
                    "Stelle bekommt eine Aufgabe mit Frist und gibt ihre Stellungnahme dort "
                    "ab.</p>",
                ),
                (
                    "image",
                    "bau_beteiligung",
                    "Ablaufdiagramm: Die Bauaufsicht prüft die Vollständigkeit und "
                    "beteiligt die Stadtplanung; die Stadtplanung gibt eine Stellungnahme "
                    "ab; die Bauaufsicht entscheidet.",
                    "Beteiligung der Stadtplanung",
                ),
                (
                    "callout",
                    "data_protection",
                    "Nur die nötigen Unterlagen",
                    "<p>Geben Sie jeder Stelle nur die Pläne und Angaben frei, die sie für "
                    "ihre Stellungnahme braucht. Die Kontaktdaten der Bauherrschaft "
                    "gehören nicht dazu.</p>",
                ),
                (
                    "sandbox",
                    "Im Übungsraum: eine Garage prüfen",
                    "Ein vollständig eingereichter Antrag für eine Garage: Prüfen Sie ihn "
                    "und beteiligen Sie die Stadtplanung.",
                    "bauantrag",
                    "garage",
                    "guided",
                ),
            ],
        },
        {
            "slug": "entscheiden-und-bescheiden",
            "title": "Entscheiden und bescheiden",
            "summary": "Genehmigung, Nebenbestimmungen oder Ablehnung – nachvollziehbar.",
            "minutes": 20,
            "body": [
                (
                    "text",
                    "<p>Liegen alle Stellungnahmen vor, entscheiden Sie: "
                    "Baugenehmigung, Genehmigung mit Nebenbestimmungen oder Ablehnung. Jede "
                    "Ablehnung braucht eine Begründung, die sich auf die Vorschrift "
                    "bezieht. Das Verfahren erzeugt den Bescheid aus Textbausteinen; Sie "
                    "prüfen ihn und zeichnen ihn elektronisch.</p>",
                ),
                (
                    "callout",
                    "tip",
                    "Fristen im Blick",
                    "<p>Die Übersicht „Meine Vorgänge“ sortiert nach Fristende. Vorgänge, "
                    "deren Frist in einer Woche endet, sind gelb markiert.</p>",
                ),
                (
                    "quiz",
                    "Wissen prüfen: Bauantrag",
                    "",
                    [
                        (
                            "ordering",
                            "Bringen Sie die Bearbeitung in die richtige Reihenfolge.",
                            [
                                "Eingang im Bauportal",
                                "Vollständigkeit prüfen",
                                "Fachstellen beteiligen",
                                "Entscheidung treffen",
                                "Bescheid zustellen",
                            ],
                            "Erst wenn der Antrag vollständig ist, beginnt die Beteiligung.",
                        ),
                        (
                            "numeric",
                            "Wie viele Wochen haben Sie für die "
                            "Vollständigkeitsprüfung?",
                            "3",
                            "0",
                            "Wochen",
                            "In Musterstadt gilt eine Frist von drei Wochen.",
                        ),
                        (
                            "multiple",
                            "Welche Unterlagen gehören zu den Bauvorlagen?",
                            [
                                ("Lageplan", True, ""),
                                ("Bauzeichnungen", True, ""),
                                (
                                    "Kontoauszug der Bauherrschaft",
                                    False,
                                    "Der gehört nicht zum Bauantrag.",
                                ),
                                ("Standsicherheitsnachweis", True, ""),
                            ],
                            "Die Bauvorlagenverordnung nennt die nötigen Unterlagen.",
                        ),
                        (
                            "single",
                            "Was tun Sie, wenn die Statik fehlt?",
                            [
                                (
                                    "den Antrag sofort ablehnen",
                                    False,
                                    "Erst wird nachgefordert.",
                                ),
                                ("die Statik mit Frist nachfordern", True, ""),
                                (
                                    "den Antrag ohne Statik genehmigen",
                                    False,
                                    "Die Standsicherheit muss nachgewiesen sein.",
                                ),
                            ],
                            "Fehlende Unterlagen werden mit Frist nachgefordert.",
                        ),
                        (
                            "true_false",
                            "Die Denkmalpflege bekommt auch die Telefonnummer der "
                            "Bauherrschaft, damit sie direkt anrufen kann.",
                            False,
                            "Rückfragen laufen über die Bauaufsicht; Kontaktdaten werden nicht "
                            "weitergegeben.",
                        ),
                    ],
                ),
            ],
        },
    ],
}

DATENSCHUTZ = {
    "slug": "datenschutz-im-digitalen-verfahren",
    "title": "Datenschutz im digitalen Verfahren",
    "initiative": "Datenschutz",
    "summary": "Pflichtunterweisung für alle: Zweckbindung, warum es keine Bürgerakte gibt "
    "und wie Sie bei Übergaben nur die nötigen Daten weitergeben.",
    "goals": "<ul><li>Zweckbindung und Datenminimierung im Alltag anwenden</li>"
    "<li>erklären, warum eine zusammengeführte Bürgerakte verboten ist</li>"
    "<li>Übergaben zwischen Ämtern datensparsam gestalten</li></ul>",
    "target_group": "Alle Beschäftigten der Stadtverwaltung",
    "minutes": 30,
    "cover": "cover_datenschutz",
    "cover_alt": "Titelbild: gezeichnetes Schloss auf dunkelblauem Grund",
    "mandatory": True,
    "validity": 12,
    "lessons": [
        {
            "slug": "zweckbindung",
            "title": "Zweckbindung",
            "summary": "Daten nur für den Zweck, für den sie erhoben wurden.",
            "minutes": 10,
            "body": [
                (
                    "text",
                    "<p>Personenbezogene Daten dürfen nur für den Zweck verwendet "
                    "werden, für den sie erhoben wurden (Art. 5 Abs. 1 Buchst. b DSGVO). "
                    "Wer seinen Hund anmeldet, gibt seine Daten für die Hundeanmeldung und "
                    "die Hundesteuer – nicht für andere Zwecke der Verwaltung.</p>",
                ),
                (
                    "callout",
                    "data_protection",
                    "Die Frage vor jedem Zugriff",
                    "<p>Brauche ich diese Angabe für die Aufgabe, die ich gerade "
                    "erledige? Wenn nicht: nicht öffnen, nicht weitergeben.</p>",
                ),
                (
                    "text",
                    "<p>Auch aus Neugier oder „um zu helfen“ dürfen Sie keine Daten "
                    "aus anderen Vorgängen abrufen. Jeder Zugriff wird protokolliert.</p>",
                ),
            ],
        },
        {
            "slug": "keine-buergerakte",
            "title": "Warum es keine Bürgerakte gibt",
            "summary": "Das Verbot, alle Daten einer Person zusammenzuführen.",
            "minutes": 10,
            "body": [
                (
                    "text",
                    "<p>Eine Akte, in der alle Angelegenheiten einer Person aus allen "
                    "Ämtern zusammenlaufen, wäre ein Persönlichkeitsprofil. Das "
                    "Bundesverfassungsgericht hat schon 1983 im Volkszählungsurteil das "
                    "Recht auf informationelle Selbstbestimmung begründet: Menschen sollen "
                    "wissen können, wer was über sie weiß.</p>",
                ),
                (
                    "text",
                    "<p>Deshalb arbeiten die Fachverfahren getrennt. Wo ein Vorgang "
                    "mehrere Ämter berührt, gehen nur die Angaben über, die das "
                    "empfangende Amt braucht.</p>",
                ),
                (
                    "image",
                    "datenschutz_uebergabe",
                    "Übersicht: Aus dem Ordnungsamt gehen Name, Anschrift und Anzahl der "
                    "Hunde an die Finanzen; Telefonnummer, Geburtsdatum und Notizen bleiben "
                    "im Ordnungsamt.",
                    "Übergabe statt Bürgerakte",
                ),
            ],
        },
        {
            "slug": "datenminimierung-bei-uebergaben",
            "title": "Datenminimierung bei Übergaben",
            "summary": "Übergaben prüfen, üben und die Unterweisung bestätigen.",
            "minutes": 10,
            "body": [
                (
                    "steps",
                    "So geht's: eine Übergabe prüfen",
                    "",
                    [
                        (
                            "<p>Schauen Sie vor dem Weitergeben in die <b>Vorschau der "
                            "Übergabe</b>: Welche Felder gehen an das andere Amt?</p>",
                            None,
                            "",
                        ),
                        (
                            "<p>Fragen Sie bei jedem Feld: Braucht das empfangende Amt diese "
                            "Angabe für seine Aufgabe?</p>",
                            None,
                            "",
                        ),
                        (
                            "<p>Melden Sie Felder, die Ihrer Meinung nach nicht übergeben werden "
                            "sollten, an die Datenschutzbeauftragte.</p>",
                            None,
                            "",
                        ),
                    ],
                ),
                (
                    "sandbox",
                    "Im Übungsraum: sehen, was die Finanzen sehen",
                    "Spielen Sie die Anmeldung eines Zweithunds durch und achten Sie darauf, "
                    "welche Angaben in der Bahn der Finanzen ankommen.",
                    "hund_anmelden",
                    "zweithund",
                    "practice",
                ),
                (
                    "quiz",
                    "Wissen prüfen: Datenschutz",
                    "",
                    [
                        (
                            "single",
                            "Was bedeutet Zweckbindung?",
                            [
                                (
                                    "Daten nur für den Zweck nutzen, für den sie erhoben wurden",
                                    True,
                                    "",
                                ),
                                (
                                    "Daten nach einem Jahr löschen",
                                    False,
                                    "Das ist eine Frage der Speicherdauer.",
                                ),
                                (
                                    "Daten nur verschlüsselt versenden",
                                    False,
                                    "Das ist Datensicherheit, nicht Zweckbindung.",
                                ),
                            ],
                            "Art. 5 Abs. 1 Buchst. b DSGVO.",
                        ),
                        (
                            "true_false",
                            "Eine Bürgerakte, die alle Angelegenheiten einer Person "
                            "zusammenführt, ist erlaubt, wenn sie gut geschützt ist.",
                            False,
                            "Schon die Zusammenführung ergäbe ein Persönlichkeitsprofil.",
                        ),
                        (
                            "multiple",
                            "Welche Angaben braucht die Steuerstelle für die "
                            "Hundesteuer?",
                            [
                                ("Name und Anschrift", True, ""),
                                ("Anzahl der Hunde", True, ""),
                                (
                                    "Geburtsdatum der Halterin",
                                    False,
                                    "Für die Steuer nicht nötig.",
                                ),
                                (
                                    "Telefonnummer",
                                    False,
                                    "Für den Bescheid nicht nötig.",
                                ),
                            ],
                            "Nur was für den Steuerbescheid nötig ist, wird übergeben.",
                        ),
                        (
                            "ordering",
                            "Ordnen Sie die Prüfung einer Übergabe.",
                            [
                                "Vorschau der Übergabe öffnen",
                                "jedes Feld auf Notwendigkeit prüfen",
                                "Auffälligkeiten melden",
                            ],
                            "Erst sehen, dann prüfen, dann melden.",
                        ),
                        (
                            "numeric",
                            "In welchem Jahr begründete das Bundesverfassungsgericht "
                            "das Recht auf informationelle Selbstbestimmung?",
                            "1983",
                            "0",
                            "",
                            "Im Volkszählungsurteil vom 15. Dezember 1983.",
                        ),
                    ],
                ),
                (
                    "ack",
                    "Kenntnisnahme der Datenschutzunterweisung",
                    "<p>Ich kenne die Grundsätze der Zweckbindung und Datenminimierung und "
                    "weiß, dass Daten verschiedener Ämter nicht zu einer Bürgerakte "
                    "zusammengeführt werden dürfen.</p>",
                    "Ich habe die Unterweisung gelesen und verstanden.",
                ),
            ],
        },
    ],
}

COURSES = [HUND, AUSWEIS, BAU, DATENSCHUTZ]
