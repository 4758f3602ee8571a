import NTMViewer
import Testing

@Suite("Fonts on many threads")
struct FontTests {
    @Test("Fonts opened, measured and closed on eight threads at once: the widths of one thread, every serial number distinct")
    func concurrentFonts() async throws {
        // SDL_ttf shares one FreeType library across the process; opening and closing faces
        // on it from several threads at once, unguarded, corrupted the heap now and then
        // (a debug test run aborted in malloc). Tests and plots draw on several threads.
        let text = "NTMLife: generation 12, best 35.00"
        let expected = try Font.standard(size: 14).width(of: text)
        let opened = try await withThrowingTaskGroup(of: [(serial: Int, width: Int)].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try (0..<40).map { _ in
                        let font = try Font.standard(size: 14)
                        return (font.serial, font.width(of: text))
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(opened.count == 8 * 40)
        #expect(opened.allSatisfy { $0.width == expected })
        #expect(Set(opened.map(\.serial)).count == opened.count)
    }
}
