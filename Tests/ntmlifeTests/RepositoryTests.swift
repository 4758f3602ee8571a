import Foundation
import NTMTestSupport
import Testing

/// Facts about the source tree itself, checked so they stay true: documentation that doc
/// comments point to exists, test hooks stay in tests, pointers stay inside their module.
@Suite("The source tree")
struct RepositoryTests {
    static let root = URL(fileURLWithPath: Fixtures.worldsDirectory).deletingLastPathComponent().path

    /// Every Swift file under Sources/, with its path relative to the repository.
    static func sources() throws -> [(path: String, text: String)] {
        let base = root + "/Sources"
        let files = FileManager.default.enumerator(atPath: base)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        return try files.sorted().map { ("Sources/" + $0, try String(contentsOfFile: base + "/" + $0, encoding: .utf8)) }
    }

    /// All files in the repository (relative paths), for resolving citations.
    static func allFiles() -> [String] {
        FileManager.default.enumerator(atPath: root)!.compactMap { $0 as? String }
            .filter { !$0.hasPrefix(".build") && !$0.hasPrefix(".git/") }
    }

    @Test("Every .md file a doc comment cites exists in the repository")
    func citedDocumentsExist() throws {
        let files = Self.allFiles()
        let cite = try NSRegularExpression(pattern: "[A-Za-z0-9_./+-]+\\.md\\b")
        var cited = 0
        for (path, text) in try Self.sources() {
            for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let s = String(line)
                for m in cite.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
                    let name = String(s[Range(m.range, in: s)!])
                    // A file a run or a study writes (RUN_DIR/…, STUDY_DIR/…) is an output, not a citation.
                    if name.contains("_DIR/") { continue }
                    cited += 1
                    #expect(files.contains { $0 == name || $0.hasSuffix("/" + name) }, "\(path) cites \(name), which is not in the repository")
                }
            }
        }
        #expect(cited > 0)
    }

    @Test("No production code calls a test hook (…ForTesting) outside the files that define them")
    func testHooksStayInTests() throws {
        for (path, text) in try Self.sources() where !path.hasSuffix("+Testing.swift") {
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.contains("ForTesting") {
                Issue.record("\(path):\(n + 1) uses a test hook: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }

    @Test("No public API takes a raw pointer; the one that lends one is closure-scoped")
    func noPublicPointers() throws {
        let lent = ["withSensorInputs"]
        // The executables (the tool and the fuzz driver, whose C entry points take argv) are edges.
        for (path, text) in try Self.sources() where !path.hasPrefix("Sources/ntmlife/") && !path.hasPrefix("Sources/ntmlife-fuzz/") {
            for line in text.split(separator: "\n") where line.contains("public") && line.contains("func") && line.contains("Unsafe") {
                #expect(lent.contains { line.contains("func \($0)") }, "\(path): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
    }
}
