import Foundation

/// Every `HelpMessage` in English (`LANG=en*`).
extension HelpMessage {
    public var english: String {
        switch self {
        case .abstract(let command):
            switch command {
            case .tender: return "Assemble French public tender responses from structured offers and DOCX, ODT, XLSX or ODS templates."
            case .`init`: return "Start an offer from the call itself: read its documents and write offer.yaml's tender block."
            case .build: return "Render every document of an offer (one CV per team member), optionally as PDF and one merged PDF."
            case .check: return "Check an offer against the rules of its call before submitting it."
            case .render: return "Fill a DOCX, ODT, XLSX or ODS template with JSON or YAML data."
            case .lint: return "Check a template: list its tags and every error at once, without writing anything."
            case .price: return "Print the price breakdown of an offer: tranches, totals, people, profiles, mécénat."
            case .diff: return "Show what changed between two versions of an offer: money, days, team, schedule, tender facts."
            case .context: return "Print the template context of an offer as JSON: every name and value templates can use."
            case .schema: return "Print the JSON Schema of offer, team or bidder files, for editors (yaml-language-server)."
            case .library: return "List the answer library's blocks (offers/library/*.md) with their review dates and the offers that use them."
            }
        case .discussion(let command):
            switch command {
            case .tender:
                return "Messages are in French, or in English when LANG (or LC_ALL, LC_MESSAGES) starts with en. The documents stay French; JSON keys and CSV columns are the same in both languages."
            case .`init`:
                return """
                Reads the call's documents (text, PDF through pdftotext, DOCX, ODT; several at once, e.g. RC and CCTP) \
                and fills `tender:`: buyer, title, reference, deadline and the rules (budget, duration, pages, cv_pages, \
                references, sections, meetings), each value after a comment quoting its sentence and place. Unsure \
                values are commented out with their readings; what is not found is a TODO that `tender check` reports. \
                Bidder, team and tranches are a skeleton (the bidder refers to bidder.yaml beside the offer's folder, if any).
                Exit status: 0 written, 64 wrong option, 65 a call document that cannot be read, 66 a missing one, \
                69 pdftotext missing for a PDF, 73 the offer already exists (init never replaces one).
                """
            case .build:
                return "Writes into a fresh folder swapped in at the end (nothing of an earlier build survives; a failed build leaves the previous one), with manifest.json. Drafts go to build/<offer>-projet/. Ends with one line counting the errors and warnings of `tender check` on the documents written. Exit status: 0 built (whatever the check found), 65 invalid offer or template, 66 missing input, 69 LibreOffice or poppler missing, 73 cannot write."
            case .check:
                return """
                Builds the offer's documents in a temporary folder (or takes those of --documents), renders them \
                to PDF in one LibreOffice call, and evaluates the rules of `tender.rules` (budget, duration, pages, \
                cv_pages, references, sections, meetings) and the general checks (deadline, team and CVs, mécénat, \
                leftovers, printed totals). The JSON and JUnit reports keep the same keys in every language.
                Exit status: 0 no error (warnings allowed), 1 a rule failed (a missing LibreOffice fails the page \
                rules), 64 wrong option, 65 invalid offer or template, 66 missing input.
                """
            case .render: return "Exit status: 0 written, 64 usage, 65 invalid template or data, 66 missing input, 73 cannot write."
            case .lint:
                return "Finds syntax errors (all of them, part by part), unknown filters, filter arguments a filter refuses, and with --data the names the data does not provide (with the closest name it does). Exit status: 0 clean, 65 errors in the template (or names missing from --data), 66 missing input."
            case .price:
                return "The text tables are in the language of the run; the JSON keys and the CSV columns are a machine interface, the same in every language."
            case .diff:
                return """
                tender diff OLD NEW compares two offers (files or folders); tender diff --rev REV OFFER compares \
                the offer as it was at a git revision with the working copy. The JSON keys are the same in every language.
                Exit status: 0 (also when they differ, unless --exit-code: then 1), 64 usage, 65 invalid offer or \
                unknown revision, 66 missing file, not in a git repository or offer absent at the revision.
                """
            case .context:
                return """
                Useful to write a template, or to lint one against an offer:
                  tender context offers/cuf-dcol --person nadia-ferhat -o ctx.json
                  tender lint templates/cv.docx --data ctx.json
                """
            case .schema:
                return """
                Save it and point YAML files at it, e.g. first line of offer.yaml:
                  # yaml-language-server: $schema=../schema/offer.schema.json
                """
            case .library: return ""
            }
        case .offerArgument: return "The offer file (offers/<name>/offer.yaml) or its folder."
        case .writeTo: return "Write to this file instead of standard output."
        case .timeout: return "Seconds LibreOffice may take before it is stopped."
        case .templateArgument: return "The template (.docx or .odt)."
        case .buildOutput: return "The folder to write to (default: build/<offer>/, or build/<offer>-projet/ with --draft)."
        case .buildPDF: return "Also convert every document to PDF (one LibreOffice call)."
        case .buildMerge: return "Also join the PDFs into one submission file, in the order the offer lists them."
        case .buildDraft: return "Write drafts for review: \"PROJET — <date>\" in every header, check findings as comments."
        case .buildSince: return "With --draft: compare with this git revision of the offer (the last approved version) in review.md."
        case .buildToday:
            return "The date templates see as `today` (default: today in Europe/Paris); with --pdf, also the day the check line compares the deadline with."
        case .checkAsOf:
            return "The moment to compare the deadline with: 2021-11-05, 2021-11-05T12:00 or 2021-11-05T12:00+01:00 (Europe/Paris unless an offset is given; default: now)."
        case .checkFormat: return "text (grouped by severity), json (one object per finding) or junit (one test case per rule)."
        case .checkNoRender: return "Do not convert to PDF: the page rules are skipped (and reported as skipped)."
        case .checkDocuments:
            return "Check the documents `tender build` wrote in this folder (and their PDFs when up to date) instead of building them, and the folder against its manifest.json: no file more, none changed, all from the current offer, no draft mark or comment."
        case .checkOutput: return "Write the report to this file instead of standard output."
        case .contextPerson: return "A team member's id: the context of their per-member document (`person`)."
        case .contextToday: return "The date templates see as `today` (default: today in Europe/Paris)."
        case .diffOffers: return "OLD and NEW (offer files or folders); with --rev, the offer of the working copy only."
        case .diffRev: return "Compare the working copy of the offer with this git revision (HEAD, HEAD~1, a branch or tag)."
        case .diffFormat: return "text (tables in the language of the run) or json (numbers as strings with two decimals, the same keys in every language)."
        case .diffExitCode: return "Exit with status 1 when the versions differ, like git diff --exit-code."
        case .initCalls: return "The call's documents (.txt, .md, .pdf, .docx, .odt)."
        case .initOutput: return "The new offer's folder (offers/<name>) or file; default: print the offer."
        case .initFormat: return "yaml (the offer) or json (what was found, with the quoted sentences, on standard output)."
        case .libraryOffers: return "The offers folder, which holds library/ and one folder per offer."
        case .lintData:
            return "Data (.json, .yaml) to check the template's names against, or an offer (its folder or its offer.yaml): then the context `tender build` fills for this template."
        case .lintToday: return "With an offer as --data: the date templates see as `today` (default: today)."
        case .priceFormat:
            return "text (aligned tables in the language of the run), json (numbers as strings with two decimals) or csv; the JSON keys and CSV columns are the same in every language."
        case .renderData: return "The data (.json, .yaml or .yml)."
        case .renderOutput: return "The document to write."
        case .renderLenient: return "Render undefined names as nothing, with a warning, instead of failing."
        case .renderTypography: return "French typography on values from the data: auto (in a French document) or off."
        case .renderRepeat: return "Render N times in one process (for benchmarks)."
        case .schemaKind: return "offer (offers/<name>/offer.yaml), team (offers/team/<id>.yaml) or bidder (offers/bidder.yaml)."
        case .value(let value):
            switch value {
            case .offer: return "offer"
            case .file: return "file"
            case .folder: return "folder"
            case .template: return "template"
            case .data: return "data"
            case .seconds: return "seconds"
            case .person: return "person"
            case .revision: return "revision"
            case .document: return "document"
            case .mode: return "mode"
            case .kind: return "kind"
            }
        }
    }
}
