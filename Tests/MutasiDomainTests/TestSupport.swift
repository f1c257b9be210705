import Foundation
import Testing
@testable import MutasiDomain

/// Expects `body` to throw a `DomainError` of kind `.invalid` with `code` (and `field`, when given).
func expectInvalid(
    _ code: String, field: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    let error = #expect(throws: DomainError.self, sourceLocation: sourceLocation) { try body() }
    #expect(error?.kind == .invalid, sourceLocation: sourceLocation)
    #expect(error?.code == code, sourceLocation: sourceLocation)
    if let field {
        #expect(error?.field == field, sourceLocation: sourceLocation)
    }
}

/// The JSON text of a single value.
func json<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
}

/// A value decoded from JSON text.
func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(text.utf8))
}

/// An exact fraction for test expectations.
func ratio(_ numerator: Int, _ denominator: Int) -> Rational {
    try! Rational(numerator, denominator)
}
