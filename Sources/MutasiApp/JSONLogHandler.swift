import Foundation
import Logging

/// Writes each log event as one JSON object on its own line (`LOG_FORMAT=json`), for log
/// collectors: `time` (UTC, milliseconds), `level`, `logger`, `message`, then the metadata's
/// keys as strings (nested metadata flattened to text). One `write` per line, so lines of
/// concurrent requests never interleave.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let sink: @Sendable (String) -> Void

    public init(label: String, sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardOutput) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var fields = metadata
        if let explicit { fields.merge(explicit) { _, new in new } }
        sink(Self.line(time: Date(), level: level, label: label, message: message.description, metadata: fields))
    }

    /// One event as a JSON line (without the newline); fixed keys first, metadata keys sorted.
    public static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var parts = ["\"time\":\(quoted(timestamp(time)))", "\"level\":\(quoted(level.rawValue))",
                     "\"logger\":\(quoted(label))", "\"message\":\(quoted(message))"]
        let reserved: Set<String> = ["time", "level", "logger", "message"]
        for key in metadata.keys.sorted() where !reserved.contains(key) {
            parts.append("\(quoted(key)):\(quoted(metadata[key]!.description))")
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    public static let standardOutput: @Sendable (String) -> Void = { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func timestamp(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!)
        return date.formatted(style)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
