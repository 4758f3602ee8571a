import Foundation
import NTMTestSupport
import NTMViewer
import Testing

@Suite("Files built into the program")
struct EmbeddedFilesTests {
    @Test("Every shipped world is built in, byte for byte as in Worlds/ (a world added or edited without a rebuild fails here)")
    func worlds() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.worldsDirectory).filter { $0.hasSuffix(".toml") }
        #expect(Set(names.map { String($0.dropLast(5)) }) == Set(EmbeddedFiles.worlds.keys))
        for name in names {
            let file = try Data(contentsOf: URL(fileURLWithPath: Fixtures.worldsDirectory + "/" + name))
            #expect(EmbeddedFiles.worlds[String(name.dropLast(5))] == file, "\(name)")
        }
    }

    @Test("The UI font is built in, as in Assets/")
    func font() throws {
        let assets = URL(fileURLWithPath: Fixtures.worldsDirectory).deletingLastPathComponent().path + "/Assets"
        #expect(EmbeddedFiles.font == (try Data(contentsOf: URL(fileURLWithPath: assets + AssetLocator.fontPath))))
    }

    @Test("The Ray driver is built in, as in Sources/ntmlife/Executors/ (so --executor ray needs no checkout)")
    func rayDriver() throws {
        let root = URL(fileURLWithPath: Fixtures.worldsDirectory).deletingLastPathComponent().path
        let path = "Sources/ntmlife/Executors/ntmlife_ray.py"
        #expect(EmbeddedFiles.all[path] != nil)
        #expect(EmbeddedFiles.all[path] == (try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))))
    }
}
