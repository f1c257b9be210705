/// A string compared and hashed by its exact code points (UTF-8 bytes), as planning.md asks of
/// ids, units and codes. Swift's `String` equality is canonical equivalence ("é" precomposed
/// equals "e" + combining accent), which would merge ids the file keeps apart.
struct ExactKey: Hashable, Sendable {
    let value: String

    init(_ value: String) { self.value = value }

    static func == (a: ExactKey, b: ExactKey) -> Bool { exactlyEqual(a.value, b.value) }

    func hash(into hasher: inout Hasher) {
        var copy = value
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Code-point equality of two strings (no Unicode normalisation).
@inline(__always)
func exactlyEqual(_ a: String, _ b: String) -> Bool {
    a.utf8.elementsEqual(b.utf8)
}

extension Array where Element == String {
    /// The first index of an element with exactly the code points of `value`.
    func firstExactIndex(of value: String) -> Int? {
        firstIndex { exactlyEqual($0, value) }
    }

    func containsExactly(_ value: String) -> Bool {
        contains { exactlyEqual($0, value) }
    }
}
