/// Checks a world file's text for what the TOML parser must never be given.
///
/// TOMLKit wraps toml++, whose parser treats some malformed input as an impossible state: a
/// table header whose key starts with neither a key character nor a quote (`[[[ x`, `[ =`,
/// `[` at the end of a line) trips an internal assertion (an abort in a build with
/// assertions, undefined behaviour without). And the text reaches it as a C string, so a
/// NUL byte silently ends the document early. Neither may be left to the parser, so this
/// scan runs first and refuses, naming the line:
///
/// - a raw control character (anything below U+0020 but tab, line feed and carriage
///   return, and U+007F): TOML forbids them outside comments too, and NUL truncates;
/// - an escaped NUL (`\u0000`, `\U00000000`) in a basic string: it would end the string at
///   the C boundary, so a name would silently lose its tail;
/// - a table header (`[` or `[[` opening a statement) not followed, after spaces, by a key
///   character (`A–Z a–z 0–9 _ -`), a quote or `]`;
/// - in a value, a `]` or `}` that does not match the innermost `[` or `{` (`a = [}` trips
///   another assertion; no valid TOML has one);
/// - a date or a time (a token starting `dddd-` or `dd:`): no key takes one, and toml++'s
///   reading of them asserts on some malformed ones (`2020-01-01 1`); and a number-like
///   value followed by more on its line (`1-[E----fr 1`), where toml++ looks for a date-time
///   written with a space;
/// - a non-ASCII space or line separator (U+00A0, U+2000–U+200B, U+2028, U+3000, …)
///   anywhere: toml++ counts them as whitespace in some of its tests and not in others, so
///   one before a header, or `a = [` and U+2028, asserts too.
///
/// To know which `[` opens a statement the scan follows TOML's lexical structure: comments,
/// the four kinds of string, and the brackets and braces of a value, which may run over
/// several lines. Where the text is malformed in another way the scan may lose track, but
/// only after the point where the parser itself stops with a syntax error.
package enum TOMLPreflight {
    /// The first problem: its 1-based line and a sentence; nil when the text may be parsed.
    package static func problem(in text: String) -> (line: Int, message: String)? {
        let bytes = Array(text.utf8)
        var line = 1
        for b in bytes {
            if b == 0x0A { line += 1; continue }
            if (b < 0x20 && b != 0x09 && b != 0x0D) || b == 0x7F {
                return (line, "holds the control character U+\(hex4(UInt32(b))), which a TOML file may not hold raw")
            }
        }
        // toml++ takes many non-ASCII code points for whitespace (no-break and wide spaces,
        // line separators), inconsistently between its tests: one before a table header or
        // where a value should begin trips an assertion. None is needed in a world file, so
        // none is accepted (but a byte-order mark first, which every reader skips).
        line = 1
        for (k, scalar) in text.unicodeScalars.enumerated() {
            if scalar == "\n" { line += 1 }
            if unicodeWhitespace.contains(scalar.value) && !(k == 0 && scalar.value == 0xFEFF) {
                return (line, "holds the Unicode space or line separator U+\(hex4(scalar.value)); use a plain space or line break")
            }
        }
        var scanner = Scanner(bytes)
        return scanner.run()
    }

    /// What toml++ counts as whitespace beyond ASCII's.
    static let unicodeWhitespace: Set<UInt32> = Set([0x85, 0xA0, 0x1680, 0x180E, 0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF, 0x2028, 0x2029]
                                                    + Array(0x2000...0x200B))

    static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    private struct Scanner {
        let b: [UInt8]
        var i = 0
        var line = 1

        init(_ bytes: [UInt8]) {
            b = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }   // a byte-order mark
        }

        func at(_ k: Int) -> UInt8? { k < b.count ? b[k] : nil }
        static func isKeyStart(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
        }

        mutating func run() -> (line: Int, message: String)? {
            while i < b.count {
                // At the start of a statement: skip blanks, line breaks and comments.
                switch b[i] {
                case 0x20, 0x09, 0x0D: i += 1
                case 0x0A: line += 1; i += 1
                case UInt8(ascii: "#"): skipComment()
                case UInt8(ascii: "["):
                    var k = i + 1
                    if at(k) == UInt8(ascii: "[") { k += 1 }
                    while at(k) == 0x20 || at(k) == 0x09 { k += 1 }
                    guard let c = at(k), Self.isKeyStart(c) || c == UInt8(ascii: "]") else {
                        return (line, "has a table header that does not begin with a key (letters, digits, '_', '-' or a quoted string), as in [body] or [[food]]")
                    }
                    if let p = statement(headerFrom: i + 1) { return p }
                default:
                    if let p = statement(headerFrom: nil) { return p }
                }
            }
            return nil
        }

        mutating func skipComment() {
            while i < b.count && b[i] != 0x0A { i += 1 }
        }

        /// One statement (a header, or `key = value`), up to the end of its line; a value's
        /// brackets and strings may carry it over several lines.
        mutating func statement(headerFrom start: Int?) -> (line: Int, message: String)? {
            if let start { i = start }
            // The brackets and braces of the value still open, innermost last. A closer that
            // does not match its opener is never valid TOML, and toml++ asserts on some (a
            // `}` where an array expects a value).
            var open: [UInt8] = []
            // Whether the scan is in a key (before a statement's `=`, or an inline table's):
            // a key may hold digits (`rays2`), which are no number to check.
            var inKey = start == nil
            while i < b.count {
                let c = b[i]
                switch c {
                case 0x0A:
                    if open.isEmpty { return nil }
                    line += 1; i += 1
                case UInt8(ascii: "#"): skipComment()
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if let p = string() { return p }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if start == nil { open.append(c) }
                    inKey = start == nil && c == UInt8(ascii: "{")
                    i += 1
                case UInt8(ascii: "="), UInt8(ascii: ","):
                    if start == nil { inKey = c == UInt8(ascii: ",") && open.last == UInt8(ascii: "{") }
                    i += 1
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
                    // In a value (or a header), a digit or `+` anywhere and a `-` that starts
                    // a token may begin what toml++ reads as a date or time.
                    let checked = !inKey && (c != UInt8(ascii: "-") || (start == nil && startsToken(i)))
                    if checked, let p = dateOrTime(at: i) ?? spacedValue(at: i) { return p }
                    i += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if start == nil, let opener = open.popLast() {
                        let expected = opener == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                        if c != expected {
                            return (line, "has a '\(Character(Unicode.Scalar(c)))' closing a '\(Character(Unicode.Scalar(opener)))'; brackets and braces must match")
                        }
                    }
                    i += 1
                default: i += 1
                }
            }
            return nil
        }

        /// Whether a bare token starts at `k` (after a line start, a blank, `=`, `[`, `{` or `,`).
        func startsToken(_ k: Int) -> Bool {
            guard k > 0 else { return true }
            return [0x20, 0x09, 0x0A, UInt8(ascii: "="), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(b[k - 1])
        }

        /// A date (`dddd-`) or a time (`dd:`) starting at `k`. No key of a world file takes one,
        /// and toml++'s reading of dates and times holds assertions that malformed ones trip
        /// (`2020-01-01 1` aborts), so none is let through.
        func dateOrTime(at k: Int) -> (line: Int, message: String)? {
            func digit(_ j: Int) -> Bool { at(j).map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            let date = digit(k + 1) && digit(k + 2) && digit(k + 3) && at(k + 4) == UInt8(ascii: "-")
            let time = digit(k + 1) && at(k + 2) == UInt8(ascii: ":")
            guard date || time else { return nil }
            return (line, "holds a \(date ? "date" : "time"); no key of a world file takes a date or a time (write numbers, strings, booleans and arrays)")
        }

        /// A number-like value (starting with a digit or a sign) followed, after blanks, by
        /// more on its line than a comment, a comma or a closing bracket. Valid TOML has that
        /// only in a date-time written with a space (`1979-05-27 07:32:00`), and toml++'s
        /// look-ahead for one asserts on tokens it merely resembles (`1-[E----fr 1`).
        func spacedValue(at k: Int) -> (line: Int, message: String)? {
            func ends(_ c: UInt8) -> Bool {
                [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#")].contains(c)
            }
            var j = k
            while let c = at(j), !ends(c) { j += 1 }
            guard at(j) == 0x20 || at(j) == 0x09 else { return nil }
            while at(j) == 0x20 || at(j) == 0x09 { j += 1 }
            guard let next = at(j), !ends(next) else { return nil }
            return (line, "has a value followed by more on its line (a value ends at a comma, a bracket, a comment or the line's end)")
        }

        /// A string of any of TOML's four kinds, starting at its opening quote.
        mutating func string() -> (line: Int, message: String)? {
            let quote = b[i]
            let multi = at(i + 1) == quote && at(i + 2) == quote
            let basic = quote == UInt8(ascii: "\"")
            i += multi ? 3 : 1
            while i < b.count {
                let c = b[i]
                if c == 0x0A {
                    line += 1
                    if !multi { return nil }   // unterminated: the parser says so
                }
                if basic && c == UInt8(ascii: "\\") {
                    if let p = nulEscape(at: i) { return p }
                    if at(i + 1) == 0x0A { line += 1 }
                    i += 2
                    continue
                }
                if c == quote && (!multi || (at(i + 1) == quote && at(i + 2) == quote)) {
                    i += multi ? 3 : 1
                    // A multi-line string may end in up to two more quotes (`""""`).
                    while multi && at(i) == quote { i += 1 }
                    return nil
                }
                i += 1
            }
            return nil
        }

        /// `\u0000` or `\U00000000` at `k`.
        func nulEscape(at k: Int) -> (line: Int, message: String)? {
            let width: Int
            switch at(k + 1) {
            case UInt8(ascii: "u")?: width = 4
            case UInt8(ascii: "U")?: width = 8
            default: return nil
            }
            guard k + 2 + width <= b.count else { return nil }
            let digits = b[(k + 2)..<(k + 2 + width)]
            guard digits.allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
            return (line, "holds the NUL character in a string (an escape of U+0000), which no world file may hold")
        }
    }
}
