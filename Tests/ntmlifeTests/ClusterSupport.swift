import Foundation

/// The processes whose command line contains every one of `words` (read from /proc).
func processes(with words: [String]) -> [pid_t] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { name -> pid_t? in
        guard let pid = pid_t(name), pid != getpid(),
              let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else { return nil }
        let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
        return words.allSatisfy(line.contains) ? pid : nil
    }
}

/// Waits (up to `seconds`) for a process whose command line contains `words`, and SIGKILLs
/// the first one found; returns whether it killed one.
func killFirstProcess(with words: [String], within seconds: Double = 120) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let pid = processes(with: words).first {
            return kill(pid, SIGKILL) == 0
        }
        usleep(5_000)
    }
    return false
}

/// Every island's hall of fame, byte for byte.
func islandChampions(_ dir: String, islands: Int) -> [Data?] {
    (0..<islands).map { FileManager.default.contents(atPath: "\(dir)/island-\($0)/hall-of-fame.genome.json") }
}
