/// Which part of a list to return. Lists are ordered stably, so offset paging is repeatable.
public struct PageRequest: Sendable, Equatable {
    public static let maxLimit = 200
    public var limit: Int
    public var offset: Int

    /// Validates the bounds the API documents: limit 1...200 (default 50), offset >= 0.
    public init(limit: Int? = nil, offset: Int? = nil) throws {
        let limit = limit ?? 50
        let offset = offset ?? 0
        guard (1...Self.maxLimit).contains(limit) else {
            throw DomainError.invalid("page.invalid_limit", "limit must be between 1 and \(Self.maxLimit).", field: "limit")
        }
        guard offset >= 0 else {
            throw DomainError.invalid("page.invalid_offset", "offset must not be negative.", field: "offset")
        }
        self.limit = limit
        self.offset = offset
    }
}

/// One page of a list, with the total so clients can page through.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var limit: Int
    public var offset: Int

    public init(items: [Item], total: Int, request: PageRequest) {
        self.items = items; self.total = total; self.limit = request.limit; self.offset = request.offset
    }
}

extension Page: Encodable where Item: Encodable {}
