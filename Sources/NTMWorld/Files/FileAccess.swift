import Foundation

/// The one way NTMLife reads an input file and writes an output file.
///
/// Reading: only a regular file is read, so a directory, a FIFO (which would block for ever)
/// or a device (`/dev/zero`, which never ends) is refused with a sentence, not a hang or
/// an Objective-C error number; a file larger than its kind can be is refused before it is
/// read. The file is opened non-blocking and checked again through its descriptor, so one
/// swapped in between the two checks cannot block either.
///
/// Writing: the bytes go to a temporary file beside the target, `.NAME.tmp-PID-N`, which is
/// then renamed over it, so a reader (or a SIGKILL) sees the old file or the new, never half
/// of one. A temporary left by a killed writer is recognisable by its name;
/// ``removeStaleTemporaries(in:)`` clears them (a run directory does so when it is opened).
public enum FileAccess {
    /// The largest input file of any kind (a checkpoint of a very large population).
    public static let defaultLimit = 1 << 31

    /// The file's bytes, or an error saying what `path` is instead of a readable file.
    public static func read(_ path: String, limit: Int = defaultLimit) throws(FileAccessError) -> Data {
        func fail(_ why: String) -> FileAccessError { FileAccessError(path: path, message: why) }
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { throw fail("cannot be read: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw fail("cannot be read: \(String(cString: strerror(errno)))") }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw fail("is a directory, not a file")
        default: throw fail("is not a regular file (a device, FIFO or socket)")
        }
        guard Int(st.st_size) <= limit else { throw fail("is \(st.st_size) bytes, more than any such file can be (\(limit))") }
        var data = Data(count: Int(st.st_size))
        var total = 0
        let ok = data.withUnsafeMutableBytes { buffer -> Bool in
            while total < buffer.count {
                let n = Foundation.read(fd, buffer.baseAddress! + total, buffer.count - total)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return n == 0 }
                total += n
            }
            return true
        }
        guard ok else { throw fail("cannot be read: \(String(cString: strerror(errno)))") }
        return data.prefix(total)
    }

    /// The file as UTF-8 text.
    public static func readText(_ path: String, limit: Int = defaultLimit) throws(FileAccessError) -> String {
        let data = try read(path, limit: limit)
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileAccessError(path: path, message: "is not UTF-8 text")
        }
        return text
    }

    /// Writes `data` to `path` atomically (see the type's documentation).
    public static func write(_ data: Data, to path: String) throws(FileAccessError) {
        func fail(_ why: String) -> FileAccessError { FileAccessError(path: path, message: "cannot be written: \(why)") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw fail("it is a directory; give a file name")
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + temporaryMarker + "\(getpid())-\(nextSerial())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw fail(String(cString: strerror(errno))) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failure = n < 0 ? errno : EIO; return }
                done += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        FaultPoint.reach("write")
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw fail(String(cString: strerror(failure)))
        }
    }

    /// Removes what killed writers left in `directory`: this type's temporaries and those of
    /// Foundation's atomic writes (`.dat.nosync…`), which earlier versions used. Call it only
    /// where no other process is writing (a run directory holds a lock for that).
    public static func removeStaleTemporaries(in directory: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where name.hasPrefix(".") && (name.contains(temporaryMarker) || name.hasPrefix(".dat.nosync")) {
            unlink(directory + "/" + name)
        }
    }

    static let temporaryMarker = ".tmp-"
    private static let serial = SerialCounter()
    private static func nextSerial() -> Int { serial.next() }
}

/// A process-wide counter safe to share between threads: 1, 2, 3, … (temporary file names
/// that two threads never both pick; how often a fault point was reached).
final class SerialCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}

/// A file that cannot be read or written: its path and why, as one sentence.
public struct FileAccessError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public var path: String
    public var message: String
    public init(path: String, message: String) { (self.path, self.message) = (path, message) }
    public var description: String { "'\(path)' \(message)" }
    public var errorDescription: String? { description }
}
