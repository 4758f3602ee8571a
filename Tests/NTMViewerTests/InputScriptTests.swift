import Foundation
import NTMTestSupport
import NTMViewer
import Testing

@Suite("Input scripts: parsing, and every bad line named")
struct InputScriptTests {
    @Test("A script's events, in order, with their frames; comments and blank lines ignored")
    func parses() throws {
        let s = try InputScript(text: "# demo\n10 key space\n\n20 click 400 300  # a click\n30 wheel -2 5 6\n40 drag 1 2 3 4\n50 quit\n", name: "s.txt")
        #expect(s.events.map(\.frame) == [10, 20, 30, 40, 50])
        #expect(s.events.map(\.event) == [.key("space"), .click(400, 300), .wheel(-2, 5, 6), .drag(1, 2, 3, 4), .quit])
    }

    @Test("Numbers no screen has are refused at their line, never converted into a trap",
          arguments: ["10 click 99999999999 5", "10 wheel 2147483648 10 10", "10 drag 0 0 -9223372036854775808 0",
                      "10 click 1000001 0", "10 wheel 1 2"])
    func outOfRange(_ line: String) {
        #expect {
            _ = try InputScript(text: "1 key space\n" + line + "\n", name: "bad.txt")
        } throws: { error in
            "\(error)".hasPrefix("bad.txt:2: ") && "\(error)".contains("whole numbers")
        }
    }

    @Test("The largest number a script may give is accepted")
    func largestAccepted() throws {
        let n = InputScript.largestNumber
        let s = try InputScript(text: "1 drag -\(n) \(n) \(n) -\(n)\n", name: "ok.txt")
        #expect(s.events.first?.event == .drag(-n, n, n, -n))
    }
}

@Suite("Input scripts: mutants of a real script")
struct InputScriptMutationTests {
    @Test("Every mutant parses or is refused with a message naming the script and its line")
    func mutants() throws {
        let original = Data("# demo\n10 key space\n\n20 click 400 300  # a click\n30 wheel -2 5 6\n40 drag 1 2 3 4\n50 quit\n".utf8)
        let (truncated, other) = Mutant.of(original, count: 200, seed: 5)
        for mutant in truncated + other {
            do {
                _ = try InputScript(text: String(decoding: mutant.bytes, as: UTF8.self), name: "m.txt")
            } catch {
                #expect("\(error)".hasPrefix("m.txt:"), "\(mutant.name): \(error)")
            }
        }
    }
}
