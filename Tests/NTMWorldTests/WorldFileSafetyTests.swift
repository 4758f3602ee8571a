import Foundation
import NTMWorld
import Testing

/// What a world file may not do to the program reading it: abort the TOML parser, lose text
/// at a NUL, escape `runs/` by its name, or place things outside its own arena.
@Suite("World files: text the parser must never see, names, geometry")
struct WorldFileSafetyTests {
    static func problem(_ text: String) -> Int? { TOMLPreflight.problem(in: text)?.line }

    @Test("Table headers that would trip toml++'s assertion are refused at their line",
          arguments: ["[[[ not toml", "[ =", "[", "[[ ", "[{a=1}]", "[+x]", "[.a]", "[[ [x]]", "\u{3000}[[[x", "\u{A0}[`"])
    func badHeaders(header: String) {
        #expect(Self.problem("a = 1\n\n" + header + "\n") == 3)
    }

    @Test("Numbers that are not dates pass: negatives, exponents, long integers")
    func notDates() {
        #expect(TOMLPreflight.problem(in: "a = -1.5e-3\nb = 1.5e-10\nc = [1 , 2, 10000 ]\nd = -2024 # a comment\ne = {f = -1, g = 2 }\n") == nil)
    }

    @Test("Keys may hold digits: in a statement and in an inline table, the number checks leave them alone")
    func keysWithDigits() {
        #expect(TOMLPreflight.problem(in: "rays2 = 8\na1 = {b2 = 1, c3 = [1, 2]}\nx-1 = 3\n") == nil)
        // ...while the values after them are still checked.
        #expect(TOMLPreflight.problem(in: "a1 = 1\nb2 = 2020-01-01\n")?.line == 2)
        #expect(TOMLPreflight.problem(in: "a = {b1 = 1 x}\n")?.line == 1)
    }

    @Test("Valid TOML passes: headers, nested and multi-line arrays, strings holding brackets, comments")
    func validText() {
        let text = """
            # [[[ in a comment
            [body]
            rays = 4
            [[food]]
            name = "[[[ in a string"
            rows = [
              [1, 2],
              [+3, {a = 1}["x"]],
              [
            ]
            s = '''
            [[[ in a multi-line literal
            '''
            t = \"\"\"
            [ = \\\"\"\" still in the string
            \"\"\"
            ["quoted key"]
            [ 'literal' ]
            ["a".b]
            """
        #expect(TOMLPreflight.problem(in: text) == nil)
    }

    @Test("What the fuzzer found: a byte-order mark before a bad header; a brace closing an array; Unicode line separators")
    func found() {
        #expect(TOMLPreflight.problem(in: "\u{FEFF}[`\u{FEFF}[ ") != nil)
        #expect(TOMLPreflight.problem(in: "\u{FEFF}[body]\nrays = 4\n") == nil)
        for text in ["a = [}", "a = [1,}", "a = {b = [}]}", "a = [\u{2028}]", "a = [\u{85}]", "a = 0555-11-01 1", "a = 12:00:00", "a = [1, 2020-01-01]", "a = 1-[E----fr 1", "a = [1 2]", "a = {b = -1 x}"] {
            #expect(TOMLPreflight.problem(in: text + "\n")?.line == 1, "\(text)")
        }
    }

    @Test("Raw control characters and escaped NULs are refused at their line",
          arguments: ["a = \"x\u{0}y\"", "a = \"x\\u0000\"", "a = \"x\\U00000000\"", "a = 1\u{1}", "a = \"\u{7F}\""])
    func controls(line: String) {
        #expect(Self.problem("[world]\n" + line + "\n") == 2)
    }

    @Test("An escaped control character that is not NUL is a valid string")
    func escapedControls() throws {
        let spec = try WorldSpec.parse("[world]\ndescription = \"a\\nb\\u0001\"\n", file: "w.toml")
        #expect(spec.description == "a\nb\u{01}")
        #expect(try WorldSpec.parse(spec.canonicalTOML, file: "c.toml").description == "a\nb\u{01}")
    }

    @Test("A world's name is a safe path component", arguments: [
        ("forage", true), ("cue-choice_2.b", true), ("../../x", false), ("a/b", false), (".hidden", false), ("", false),
        ("a b", false), (String(repeating: "x", count: 65), false), ("é", false),
    ])
    func names(name: String, valid: Bool) {
        #expect(WorldSpec.isValidName(name) == valid)
    }

    @Test("Placements outside the arena are refused naming their key", arguments: [
        ("[arena]\nstart = [500.0, 500.0, 1.0]", "arena.start"),
        ("[arena]\nstart = [60.0, 60.0, 5000.0]", "arena.start"),
        ("[arena]\nwidth = 10.0\nheight = 10.0\n[body]\nradius = 50.0", "body.radius"),
        ("[arena]\nwidth = 10.0\nheight = 10.0\n[[food]]\nradius = 100.0", "food[0].radius"),
        ("[[arena.wall]]\nx = 0.0\ny = 0.0\nwidth = 120.0\nheight = 120.0", "arena.wall"),
        ("[[arena.wall]]\nx = 9000.0\ny = 0.0", "arena.wall[0]"),
        ("[arena]\nstart = [30.0, 30.0, 0.0]\n[[arena.wall]]\nx = 20.0\ny = 20.0\nwidth = 20.0\nheight = 20.0", "arena.start"),
        ("[cue]\nposition = [9000.0, 10.0]", "cue.position"),
        ("[cue]\ngoal_b = [9000.0, 9000.0]", "cue.goal_b"),
        ("[nest]\nposition = [9000.0, 9000.0]", "nest.position"),
    ])
    func geometry(text: String, key: String) {
        #expect(throws: WorldFileError.self) { try WorldSpec.parse(text + "\n", file: "g.toml") }
        do { _ = try WorldSpec.parse(text + "\n", file: "g.toml") } catch {
            #expect(error.key == key, "\(error)")
        }
    }
}
