import Foundation
import MutasiDomain

/// Files of the audit checkpoint commands: keys and checkpoints, read and written with the care
/// a private key needs.
enum AuditFiles {
    static func data(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DomainError.invalid("file.unreadable", "Cannot read \(path).", field: path)
        }
        return data
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try data(path), as: UTF8.self)
    }

    /// A private key's text; refused when others than its owner may read the file.
    static func privateText(_ path: String) throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw DomainError.invalid("audit.key_exposed",
                                      "\(path) may be read by others (mode \(String(mode, radix: 8))); make it 0600.", field: "key")
        }
        return try text(path)
    }

    /// Writes a new file with `mode`; fails if the path exists (never overwrites).
    static func create(_ path: String, _ text: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            throw DomainError.conflict("file.not_created", "Cannot create \(path): \(String(cString: strerror(errno))).")
        }
        defer { close(fd) }
        _ = fchmod(fd, mode)   // exactly this mode, whatever the umask
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw DomainError.conflict("file.not_written", "Cannot write \(path).")
        }
    }
}
