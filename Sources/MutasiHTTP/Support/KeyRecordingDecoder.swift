import Foundation
import MutasiDomain

/// Decodes a request body through Foundation's `JSONDecoder` while noting, for every JSON object,
/// which of its keys the request type read; a key nobody read is a field the request does not
/// have (a misspelling the client would otherwise never hear about). Values themselves are
/// decoded by `JSONDecoder` unchanged (numbers, dates, decimals as before); only the walk between
/// them passes through here.
struct KeyRecording<T: Decodable>: Decodable {
    let value: T

    init(from decoder: any Decoder) throws {
        let log = KeyLog()
        value = try T(from: KeyRecordingDecoder(base: decoder, log: log))
        if let field = log.firstUnknown() {
            throw DomainError.invalid("request.unknown_field", "\(field) is not a field of this request.", field: field)
        }
    }
}

/// The keys each object held and the keys read from it, by coding path.
final class KeyLog {
    private var order: [String] = []
    private var present: [String: [String]] = [:]
    private var read: [String: Set<String>] = [:]
    /// Objects whose type lists their keys itself (dictionaries, `StrictKeys`): all keys count as read.
    private var listed: Set<String> = []

    func opened(_ path: [any CodingKey], keys: [String]) {
        let name = Self.name(path)
        if present[name] == nil { order.append(name); present[name] = keys }
    }

    func read(_ path: [any CodingKey], _ key: String) { read[Self.name(path), default: []].insert(key) }
    func listedAll(_ path: [any CodingKey]) { listed.insert(Self.name(path)) }

    /// The first key not read, in the order objects were opened, alphabetically within one.
    func firstUnknown() -> String? {
        for name in order where !listed.contains(name) {
            let seen = read[name] ?? []
            if let key = (present[name] ?? []).filter({ !seen.contains($0) }).sorted().first {
                return name.isEmpty ? key : name + "." + key
            }
        }
        return nil
    }

    static func name(_ path: [any CodingKey]) -> String { StrictJSONDecoder.path(path) }
}

/// Types `JSONDecoder` decodes by its own strategies: handed to it whole.
private func decodedWhole(_ type: Any.Type) -> Bool {
    type == Date.self || type == Data.self || type == URL.self || type == Decimal.self
}

struct KeyRecordingDecoder: Decoder {
    let base: any Decoder
    let log: KeyLog

    var codingPath: [any CodingKey] { base.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { base.userInfo }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let container = try base.container(keyedBy: type)
        let all = try base.container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
        log.opened(container.codingPath, keys: all)
        return KeyedDecodingContainer(KeyedRecorder(base: container, log: log))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedRecorder(base: try base.unkeyedContainer(), log: log)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleRecorder(base: try base.singleValueContainer(), decoder: self)
    }
}

private struct KeyedRecorder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let base: KeyedDecodingContainer<Key>
    let log: KeyLog

    var codingPath: [any CodingKey] { base.codingPath }
    var allKeys: [Key] { log.listedAll(base.codingPath); return base.allKeys }

    private func mark(_ key: Key) { log.read(base.codingPath, key.stringValue) }

    func contains(_ key: Key) -> Bool { mark(key); return base.contains(key) }
    func decodeNil(forKey key: Key) throws -> Bool { mark(key); return try base.decodeNil(forKey: key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { mark(key); return try base.decode(type, forKey: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { mark(key); return try base.decode(type, forKey: key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        mark(key)
        if decodedWhole(type) { return try base.decode(type, forKey: key) }
        return try T(from: try present(key))
    }

    /// The decoder of the value at `key`; a missing key fails as `JSONDecoder` fails it (keyNotFound).
    private func present(_ key: Key) throws -> KeyRecordingDecoder {
        guard base.contains(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: base.codingPath,
                                                       debugDescription: "No value associated with key \(key.stringValue)."))
        }
        return KeyRecordingDecoder(base: try base.superDecoder(forKey: key), log: log)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        mark(key)
        guard base.contains(key), try !base.decodeNil(forKey: key) else { return nil }
        return try decode(type, forKey: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        mark(key)
        return try present(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        mark(key)
        return UnkeyedRecorder(base: try base.nestedUnkeyedContainer(forKey: key), log: log)
    }

    func superDecoder() throws -> any Decoder { KeyRecordingDecoder(base: try base.superDecoder(), log: log) }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        mark(key)
        return KeyRecordingDecoder(base: try base.superDecoder(forKey: key), log: log)
    }
}

private struct UnkeyedRecorder: UnkeyedDecodingContainer {
    var base: any UnkeyedDecodingContainer
    let log: KeyLog

    var codingPath: [any CodingKey] { base.codingPath }
    var count: Int? { base.count }
    var isAtEnd: Bool { base.isAtEnd }
    var currentIndex: Int { base.currentIndex }

    mutating func decodeNil() throws -> Bool { try base.decodeNil() }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try base.decode(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if decodedWhole(type) { return try base.decode(type) }
        return try T(from: KeyRecordingDecoder(base: try base.superDecoder(), log: log))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try KeyRecordingDecoder(base: try base.superDecoder(), log: log).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedRecorder(base: try base.nestedUnkeyedContainer(), log: log)
    }

    mutating func superDecoder() throws -> any Decoder { KeyRecordingDecoder(base: try base.superDecoder(), log: log) }
}

private struct SingleRecorder: SingleValueDecodingContainer {
    let base: any SingleValueDecodingContainer
    let decoder: KeyRecordingDecoder

    var codingPath: [any CodingKey] { base.codingPath }

    func decodeNil() -> Bool { base.decodeNil() }
    func decode(_ type: Bool.Type) throws -> Bool { try base.decode(type) }
    func decode(_ type: String.Type) throws -> String { try base.decode(type) }
    func decode(_ type: Double.Type) throws -> Double { try base.decode(type) }
    func decode(_ type: Float.Type) throws -> Float { try base.decode(type) }
    func decode(_ type: Int.Type) throws -> Int { try base.decode(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try base.decode(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try base.decode(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try base.decode(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try base.decode(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try base.decode(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try base.decode(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try base.decode(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try base.decode(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try base.decode(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if decodedWhole(type) { return try base.decode(type) }
        return try T(from: decoder)
    }
}
