import Foundation

/// Every `EngineMessage` in French, with French typography (« », a space before « : », « ; », « ? »).
extension EngineMessage {
    var french: String {
        switch self {
        case .tagCut: return "la balise est coupée par une tabulation ou un saut de ligne"
        case .tagNotClosed: return "la balise n’est pas fermée dans son paragraphe"
        case .tagCutHint: return "garder une balise sur une seule ligne, sans tabulation ni saut de ligne à l’intérieur"
        case .tagNotClosedHint(let close): return "une balise ne peut pas s’étendre sur deux paragraphes ; la fermer par \(close) dans le même paragraphe"
        case .syntaxError(let m): return "erreur de syntaxe : \(m)"
        case .outputTagReads: return "une balise d’expression s’écrit {{ nom }}, {{ a.b | filtre(arg) }} ou {{ x if condition else y }}"
        case .statementTagReads: return "une balise d’instruction s’écrit {% for x in xs %}, {% if condition %}, {% else %}, {% endif %}, {% endfor %} ou {% set x = valeur %}"
        case .commentReads: return "un commentaire s’écrit {# texte #}"
        case .prefixOutside(let tag, let scope): return "\(tag) n’est pas dans \(Self.frenchScope(scope))"
        case .prefixOutsideHint(let scope): return "n’utiliser ce préfixe que dans \(Self.frenchScope(scope)), ou le retirer"
        case .blocksTooDeep(let n): return "les blocs (for, if) s’imbriquent sur plus de \(n) niveaux"
        case .blocksTooDeepHint: return "fermer des blocs avant d’en ouvrir d’autres ; un vrai modèle n’imbrique que quelques niveaux"
        case .noOpenIf(let tag, let orFor): return "\(tag) n’a pas de {% if %}\(orFor ? " ni de {% for %}" : "") ouvert avant lui"
        case .noOpenIfHint: return "ajouter le {% if … %} auquel il appartient, ou le retirer"
        case .insideLoopNotIf(let tag, let loop): return "\(tag) est dans \(loop), pas dans un {% if %}"
        case .closeLoopFirstHint: return "fermer d’abord la boucle par {% endfor %}"
        case .afterElse(let tag, let block): return "\(tag) vient après le {% else %} de \(block)"
        case .elseLastHint: return "{% else %} doit être la dernière branche"
        case .closesNothing(let tag, let isFor): return "\(tag) ne ferme aucun {% \(isFor ? "for" : "if") %}"
        case .closesNothingHint(let isFor): return "le retirer, ou ajouter avant lui le {% \(isFor ? "for … in …" : "if …") %} correspondant"
        case .blocksCross(let tag, let open, let at): return "\(tag) ne peut pas fermer \(open) (\(at)) : les blocs ne peuvent pas se croiser"
        case .closeInnerFirstHint(let isFor): return "fermer d’abord le bloc intérieur par {% \(isFor ? "endfor" : "endif") %}"
        case .neverClosed(let tag): return "\(tag) n’est jamais fermé"
        case .neverClosedHint(let isFor): return "ajouter {% \(isFor ? "endfor" : "endif") %} là où le bloc se termine"
        case .blockNeverClosed: return "un bloc n’est jamais fermé"
        case .mergedTextCrossesBlock(let vm, let block): return "le texte que \(vm) n’affiche qu’à la première ligne traverse le bloc de \(block)"
        case .mergedTextCrossesBlockHint: return "placer les balises du bloc {%p …%} hors de la cellule fusionnée, ou son texte après la balise de fusion"
        case .blockClosedUnopened: return "un bloc ajouté par tender se ferme ici sans avoir été ouvert (erreur de tender : signaler ce modèle)"
        case .rowHoldsOtherText(let tag): return "la ligne de \(tag) contient un autre texte, que la répétition des lignes perdrait"
        case .rowHoldsOtherTextHint: return "mettre la balise seule dans une ligne du tableau, ou écrire {%tr … %} pour supprimer le reste de cette ligne"
        case .impossibleCut(let a, let b, let at, let pa, let pb):
            let describe = { (p: [String]) in p.isEmpty ? "directement dans le même élément" : p.joined(separator: " > ") }
            return "\(a) et \(b) (\(at)) couperaient le document à un endroit impossible : l’une est dans \(describe(pa)), l’autre dans \(describe(pb))"
        case .impossibleCutHint: return "mettre les deux balises dans un même paragraphe, chacune seule dans son paragraphe, ou dans des lignes différentes d’un même tableau ; ou utiliser un préfixe ({%p …%}, {%tr …%}, {%tc …%})"
        case .notInCell(let tag): return "\(tag) n’est pas dans une cellule de tableau"
        case .notInCellHint: return "l’utiliser dans une cellule de tableau"
        case .tableTagUnsupported(let tag, let dialect): return "\(tag) est une balise de tableau que les modèles \(dialect) ne prennent pas en charge"
        case .tableTagUnsupportedHint: return "fusionner plutôt les cellules dans le modèle"
        case .joinBeforeNothing: return "« {%- » joint son paragraphe au texte qui le précède, mais il n’y en a pas dans la même cellule ou section"
        case .joinBeforeHint: return "retirer le « - », ou placer la balise juste après le texte qu’elle doit joindre"
        case .joinAfterNothing: return "« -%} » joint son paragraphe au texte qui le suit, mais il n’y en a pas dans la même cellule ou section"
        case .joinAfterHint: return "retirer le « - », ou placer la balise juste avant le texte qu’elle doit joindre"

        case .partTooLarge(let n): return "la partie produite dépasse \(n) Mio"
        case .partTooLargeHint: return "vérifier les boucles : une boucle sur une liste énorme, ou des boucles imbriquées, rendent cette partie trop grande"
        case .cannotLoopOver(let v): return "impossible de boucler sur \(Self.frenchKind(v))"
        case .cannotLoopOverHint: return "une boucle for demande une liste ou un dictionnaire"
        case .tooManyIterations(let n): return "les boucles tournent plus de \(n) fois en tout"
        case .tooManyIterationsHint: return "vérifier les boucles : une boucle sur une liste énorme, ou des boucles imbriquées"
        case .cannotUnpack(let v, let targets): return "impossible de répartir \(Self.frenchKind(v)) dans \(targets.joined(separator: ", "))"
        case .cannotUnpackHint: return "pour parcourir les clés et valeurs d’un dictionnaire, écrire `for k, v in dictionnaire.items()`"
        case .undefinedRenderedAsNothing(let name): return "nom non défini « \(name) », remplacé par rien"
        case .didYouMeanOrAdd(let name): return "vouliez-vous dire « \(name) » ? Sinon, l’ajouter aux données"
        case .addItOrDefault(let name): return "l’ajouter aux données, ou écrire `\(name) | default(\"…\")`"

        case .undefinedName(let name): return Message.undefinedName(name).french
        case .didYouMean(let name): return Message.didYouMean(name).french
        case .checkSpellingOrDefault(let path): return "vérifier l’orthographe d’après les données, ou écrire `\(path) | default(\"…\")` si la valeur est facultative"
        case .listIndexNotWhole(let d): return "l’indice d’une liste doit être un nombre entier, pas \(d)"
        case .cannotIndex(let v, let index): return "impossible d’indexer \(Self.frenchKind(v)) par \(Self.frenchKind(index))"
        case .operatorNeedsNumber(let op, let v): return "« \(op) » demande un nombre, reçu \(Self.frenchKind(v))"
        case .sliceBoundsNotWhole: return "les bornes d’une tranche doivent être des nombres entiers"
        case .cannotSlice(let v): return "impossible de découper \(Self.frenchKind(v))"
        case .unknownFilter(let name): return "filtre inconnu « \(name) »"
        case .availableFilters(let names): return "filtres disponibles : \(names.joined(separator: ", "))"
        case .inFilter(let name, let m): return "filtre « \(name) » : \(m)"
        case .cycleOutsideLoop: return "loop.cycle() employé hors d’une boucle"
        case .cannotCall(let callee): return "« \(callee) » ne peut pas être appelé"
        case .resultTooLarge(let op): return "le résultat de « \(op) » est trop grand (au-delà de 10^30)"
        case .resultTooLargeHint: return "vérifier les nombres : montants et jours sont bien plus petits"
        case .inNeedsStringLeft(let v): return "« in » sur un texte demande un texte à gauche, reçu \(Self.frenchKind(v))"
        case .inNeedsContainer(let v): return "« in » demande une liste, un dictionnaire ou un texte à droite, reçu \(Self.frenchKind(v))"
        case .repetitionTooLarge: return "répétition de texte trop grande"
        case .exponentTooLarge: return "« ** » demande un exposant entier jusqu’à 1000"
        case .divisionByZero: return "division par zéro"
        case .operatorDoesNotApply(let op, let a, let b): return "« \(op) » ne s’applique pas à \(Self.frenchKind(a)) et \(Self.frenchKind(b))"
        case .cannotCompare(let a, let b, let op): return "impossible de comparer \(Self.frenchKind(a)) à \(Self.frenchKind(b)) avec « \(op) »"

        case .invalidNumber(let literal): return "nombre invalide « \(literal) »"
        case .unterminatedString: return "texte entre guillemets non terminé"
        case .unexpectedCharacter(let c): return "caractère inattendu « \(c) »"
        case .emptyExpression: return "expression vide"
        case .statementKeyword: return "une instruction doit commencer par un mot-clé (for, if, elif, else, endif, endfor, set)"
        case .recursiveLoops: return "les boucles récursives ne sont pas prises en charge"
        case .unknownStatement(let k): return "instruction inconnue « \(k) » (attendu : for, if, elif, else, endif, endfor, set, hm, vm, colspan ou cellbg)"
        case .expected(let what, let t): return "« \(what) » attendu, mais trouvé \(Self.frenchToken(t))"
        case .expectedName(let kind, let t):
            return "\(kind == .loopVariable ? "variable de boucle" : "nom de variable") attendu, mais trouvé \(Self.frenchToken(t))"
        case .unexpectedAfterEnd(let t): return "\(Self.frenchToken(t)) inattendu après la fin de l’expression"
        case .nestsTooDeep(let n): return "l’expression s’imbrique sur plus de \(n) niveaux"
        case .expectedTestName(let t): return "nom de test attendu après « is », mais trouvé \(Self.frenchToken(t))"
        case .expectedFilterName(let t): return "nom de filtre attendu après « | », mais trouvé \(Self.frenchToken(t))"
        case .expectedAttribute(let t): return "nom attendu après « . », mais trouvé \(Self.frenchToken(t))"
        case .positionalAfterNamed: return "argument positionnel après un argument nommé"
        case .unexpectedKeyword(let n): return "mot-clé inattendu « \(n) »"
        case .endsTooEarly: return "l’expression se termine trop tôt"
        case .unexpected(let t): return "\(Self.frenchToken(t)) inattendu"

        case .testNeedsArgument(let name): return "le test « \(name) » demande un argument"
        case .testNeedsWholeNumber(let name): return "« \(name) » demande un nombre entier"
        case .divisiblebyNeedsNumbers: return "« divisibleby » demande des nombres"
        case .unknownTest(let name): return "test inconnu « \(name) »"
        case .knownTests: return "tests connus : defined, undefined, none, number, string, mapping, sequence, even, odd, divisibleby, equalto, ne, lt, le, gt, ge, in, true, false, empty"
        case .methodExpectsText(let name, let v): return "\(name)() attend du texte, reçu \(Self.frenchKind(v))"
        case .joinExpectsList: return "join() attend une liste"
        case .indexNotInList: return "index() : valeur absente de la liste"
        case .noMethod(let v, let name): return "\(Self.frenchKind(v)) n’a pas de méthode « \(name)() »"
        case .rangeNeedsWhole: return "range() demande des nombres entiers"
        case .rangeBoundTooLarge(let d): return "la borne \(d) de range() est trop grande"
        case .rangeArguments: return "range() prend de 1 à 3 arguments"
        case .rangeStepZero: return "le pas de range() ne doit pas être nul"
        case .rangeTooLarge(let items, let max): return "range() trop grand : \(items) éléments, plus de \(max)"
        case .rangeTooLargeHint: return "boucler sur les données elles-mêmes, ou sur un intervalle plus petit"
        case .unknownFunction(let name): return "fonction inconnue « \(name)() »"
        case .knownFunctions: return "les fonctions sont range() et dict()"

        case .dateExpectsText(let text): return "date attend une date, reçu le texte « \(text) »"
        case .writeDatesISO: return "écrire les dates sous la forme AAAA-MM-JJ"
        case .dateExpects(let v): return "date attend une date, reçu \(Self.frenchValue(v))"
        case .expectsNumberText(let filter, let text): return "\(filter) attend un nombre, reçu le texte « \(text) »"
        case .numbersWithDot: return "les nombres s’écrivent avec un point : 1234.50"
        case .expectsNumber(let filter, let v): return "\(filter) attend un nombre, reçu \(Self.frenchValue(v))"
        case .numberTooLarge(let filter, let power): return "\(filter) a reçu un nombre trop grand pour être imprimé (au-delà de 10^\(power))"
        case .checkComputationHint: return "vérifier les données et le calcul qui alimentent cette balise"
        case .decimalsRange(let filter, let v): return "\(filter) prend un nombre de décimales de 0 à 10, reçu \(Self.frenchValue(v))"
        case .decimalsExample(let filter): return "par exemple \(filter)(2)"
        case .dateStyle(let names, let v): return "date prend un style parmi \(names.joined(separator: ", ")) ; reçu \(Self.frenchValue(v))"
        case .dateStyleExample: return #"par exemple date("long")"#
        case .lengthNeeds(let v): return "length demande une liste, un dictionnaire ou un texte, reçu \(Self.frenchKind(v))"
        case .dictsortNeeds(let v): return "dictsort demande un dictionnaire, reçu \(Self.frenchKind(v))"
        case .roundMethod(let method): return "la méthode de round doit être common, ceil ou floor, pas \(method)"
        case .mapNeeds: return "map demande attribute=\"nom\" ou un nom de filtre"
        case .mapUnknownFilter(let name): return "map : filtre inconnu « \(name) »"
        case .groupbyNeeds: return "groupby demande un attribut"
        case .batchNeeds: return "batch demande une taille positive"
        case .formatArguments: return "format : pas assez d’arguments"
        case .needsText(let filter, let v): return "\(filter) demande du texte, reçu \(Self.frenchKind(v))"
        case .needsList(let filter, let v): return "\(filter) demande une liste, reçu \(Self.frenchKind(v))"
        case .needsNumberText(let filter, let s): return "\(filter) demande un nombre, reçu le texte « \(s) »"
        case .needsNumber(let filter, let v): return "\(filter) demande un nombre, reçu \(Self.frenchKind(v))"
        case .needsWholeNumber(let filter): return "\(filter) demande un nombre entier"
        case .attributeName: return "l’attribut doit être un nom"
        case .noAttribute(let path): return "un élément n’a pas d’attribut « \(path) »"
        case .selectattrNeeds: return "selectattr/rejectattr demandent un nom d’attribut"
        case .imageExpects(let v): return "image attend le chemin d’un fichier PNG ou JPEG, reçu \(Self.frenchValue(v))"
        case .imageExpectsHint: return "donner le fichier dans les données, par exemple bidder.logo: logo.png (relatif à l’offre)"
        case .flagExpects(let name, let v): return "\(name) prend true ou false, reçu \(Self.frenchValue(v))"
        case .flagExample: return "par exemple typo=false"
        case .imageLength(let name, let text): return "image : \(name) doit être une longueur comme \"4cm\" ou \"35mm\", reçu « \(text) »"
        case .imageLengthHint: return "écrire image(width=\"4cm\") ; l’autre côté garde les proportions de l’image"
        case .imageMissing(let path): return "impossible de lire l’image « \(path) » : elle n’existe pas"
        case .imageMissingHint: return "vérifier le chemin dans les données (relatif au fichier de l’offre)"
        case .imageTooLarge(let path, let n, let max): return "l’image « \(path) » pèse \(n) Mio, plus que les \(max) Mio permis pour une image"
        case .imageTooLargeHint: return "la réduire (un logo ou une photo n’a besoin que de quelques centaines de kilo-octets) et l’enregistrer en PNG ou JPEG"
        case .imageUnreadable(let path): return "impossible de lire l’image « \(path) »"
        case .checkPermissions: return "vérifier ses droits d’accès"
        case .notAnImage(let path): return "« \(path) » n’est pas une image PNG ou JPEG (ou elle est abîmée)"
        case .notAnImageHint: return "enregistrer l’image en PNG ou JPEG"

        case .unclosedBraces(let text): return "{{ non fermé dans « \(text) »"
        case .syntaxErrorIn(let text, let m): return "erreur de syntaxe dans « \(text) » : \(m)"
        case .errorIn(let text, let m): return "dans « \(text) » : \(m)"

        case .dataExtension(let ext): return "un fichier de données est en .json, .yaml ou .yml, pas en « .\(ext) »"
        case .dataExtensionHint: return "renommer le fichier avec l’extension qui correspond à son contenu"
        case .noSuchFile: return "fichier introuvable"
        case .checkPath: return "vérifier le chemin"
        case .isFolder: return "c’est un dossier, pas un fichier"
        case .cannotRead: return "impossible de lire le fichier"
        case .notUTF8: return "le fichier n’est pas du texte UTF-8"
        case .saveAsUTF8: return "l’enregistrer en UTF-8"
        case .yamlAliases: return "le YAML se déploie en trop de valeurs par ses alias (*nom)"
        case .yamlAliasesHint: return "écrire les données en entier, ou employer moins d’alias ; quelques centaines d’octets d’alias imbriqués peuvent donner des milliards de valeurs"
        case .yamlTooDeep(let n): return "le YAML s’imbrique sur plus de \(n) niveaux"
        case .yamlTooDeepHint: return "de vraies données n’imbriquent que quelques niveaux"
        case .keysPlainText: return "les clés d’un dictionnaire doivent être du texte simple"
        case .duplicateKey(let key): return "clé en double « \(key) »"
        case .duplicateKeyHint: return "chaque clé n’apparaît qu’une fois dans un dictionnaire"
        case .yamlNestsTooDeeply: return "le YAML s’imbrique trop profondément (listes ou dictionnaires les uns dans les autres)"
        case .yamlNestsTooDeeplyHint: return "de vraies données n’imbriquent que quelques niveaux ; vérifier les crochets autour de cet endroit"
        case .malformedYAML(let problem): return "YAML mal formé : \(Self.frenchYAML(problem))"
        case .yamlDuplicateKeys(let keys): return "YAML mal formé : clé en double " + keys.map { "« \(Quote.cut($0)) »" }.joined(separator: ", ")
        case .yamlIndentationHint: return "vérifier l’indentation et les guillemets autour de cet endroit"
        case .malformedJSON(let m): return "JSON mal formé : \(m)"
        case .jsonHint: return "vérifier les virgules, guillemets et crochets autour de cet endroit"
        case .jsonTrailingText: return "texte inattendu après la fin du document"
        case .jsonEnd: return "fin inattendue du texte"
        case .jsonCharacter(let c): return "caractère inattendu « \(c) »"
        case .jsonTooDeep: return "imbrication trop profonde"
        case .jsonKeyQuotes: return "clé entre guillemets doubles attendue"
        case .jsonDuplicateKey(let key): return "clé en double « \(key) »"
        case .jsonColon: return "« : » attendu après la clé"
        case .jsonEndBrace: return "fin inattendue du texte, « } » manquant"
        case .jsonEndBracket: return "fin inattendue du texte, « ] » manquant"
        case .jsonDigits: return "un nombre demande des chiffres"
        case .jsonFractionDigits: return "chiffres attendus après le point décimal"
        case .jsonExponentDigits: return "chiffres attendus dans l’exposant"
        case .jsonNumberRange: return "nombre hors limites, ou avec plus de chiffres significatifs que tender n’en garde exactement (38)"
        case .jsonUnterminated: return "texte entre guillemets non terminé"
        case .jsonControl: return "caractère de contrôle dans un texte (l’écrire \\n, \\t…)"
        case .jsonLoneSurrogate: return "demi-code (surrogate) isolé dans un échappement \\u"
        case .jsonSurrogatePair: return "paire de demi-codes (surrogates) invalide"
        case .jsonEscape(let e): return "échappement invalide « \\\(e) »"
        case .jsonHexDigit: return "chiffre hexadécimal invalide dans un échappement \\u"
        case .jsonExpected(let word): return "« \(word) » attendu"
        case .jsonCommaOr(let close): return "« , » ou « \(close) » attendu"
        case .jsonInvalidU: return "échappement \\u invalide"
        case .jsonInvalidUTF8: return "UTF-8 invalide dans un texte"
        case .jsonIncompleteU: return "échappement \\u incomplet"
        }
    }

    /// libyaml's words for the problems met most often, in French; others are quoted as they are,
    /// said to be libyaml's.
    static func frenchYAML(_ problem: String) -> String {
        let words: [(String, String)] = [
            ("while parsing a flow sequence", "dans une liste entre crochets,"), ("while parsing a flow mapping", "dans un dictionnaire entre accolades,"),
            ("while parsing a block mapping", "dans un dictionnaire,"), ("while parsing a block collection", "dans une liste,"),
            ("while scanning a simple key", "en lisant une clé,"), ("while scanning a quoted scalar", "dans un texte entre guillemets,"),
            ("while scanning a plain scalar", "dans un texte,"), ("while parsing a node", "en lisant une valeur,"),
            ("did not find expected ',' or ']'", "« , » ou « ] » attendu"), ("did not find expected ',' or '}'", "« , » ou « } » attendu"),
            ("did not find expected key", "clé attendue"), ("did not find expected '-' indicator", "« - » attendu"),
            ("could not find expected ':'", "« : » attendu"), ("mapping values are not allowed in this context", "« : » inattendu à cet endroit"),
            ("found character that cannot start any token", "caractère qui ne peut commencer aucune valeur"),
            ("found unexpected end of stream", "fin du fichier inattendue"), ("found undefined alias", "alias non défini"),
            ("found a tab character that violates indentation", "tabulation à la place des espaces d’indentation"),
            ("found a tab character where an indentation space is expected", "tabulation à la place des espaces d’indentation"),
            ("while scanning for the next token", "en lisant la suite,"), ("while parsing a block node", "en lisant une valeur,"),
            ("while scanning an anchor", "dans une ancre,"), ("while scanning an alias", "dans un alias,"),
            ("while scanning a block scalar", "dans un texte en bloc,"), ("while parsing a quoted scalar", "dans un texte entre guillemets,"),
            ("did not find expected node content", "valeur attendue"), ("did not find expected <document start>", "début de document attendu"),
            ("did not find expected alphabetic or numeric character", "lettre ou chiffre attendu"),
            ("found unknown escape character", "échappement inconnu"),
            ("found incompatible YAML document", "version de YAML non prise en charge"),
        ]
        let translated = words.reduce(problem) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        // What is left of the English once the known phrases are taken out: a sentence the table
        // does not know, quoted as libyaml's own words rather than half translated.
        let left = words.reduce(problem) { $0.replacingOccurrences(of: $1.0, with: "") }
        guard left.contains(where: \.isLetter) else { return translated }
        return "texte de libyaml, en anglais : « \(problem) »"
    }

    static func frenchScope(_ scope: PrefixScope) -> String {
        switch scope {
        case .row: return "une ligne de tableau"
        case .cell: return "une cellule de tableau"
        case .paragraph: return "un paragraphe"
        }
    }

    /// `une liste`, `un nombre` : la nature d’une valeur, avec son article.
    static func frenchKind(_ v: Value) -> String {
        switch v {
        case .null: return "une valeur nulle"
        case .bool: return "un booléen"
        case .number: return "un nombre"
        case .string: return "un texte"
        case .list: return "une liste"
        case .map: return "un dictionnaire"
        case .date: return "une date"
        case .rich: return "un texte enrichi"
        }
    }

    /// `le texte « abc »`, `une liste`, `true` : la valeur telle qu’un message la nomme.
    static func frenchValue(_ value: Value) -> String {
        switch value {
        case .string(let s): return "le texte « \(s) »"
        case .number(let d): return "le nombre \(Value.plainString(d))"
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return "la date \(d.isoString)"
        case .list, .map, .rich, .null: return frenchKind(value)
        }
    }

    static func frenchToken(_ t: Token) -> String {
        switch t.kind {
        case .name(let n): return "« \(n) »"
        case .string(let s): return "le texte « \(s) »"
        case .number(let d): return "le nombre \(Value.plainString(d))"
        case .op(let o): return "« \(o) »"
        case .end: return "la fin de la balise"
        }
    }
}
