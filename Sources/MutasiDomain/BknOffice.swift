import Foundation

/// A BKN regional office (Kantor Regional BKN) overseeing the tenants in its area.
public struct BknOffice: Codable, Sendable, Equatable {
    public var id: UUID
    /// Short stable handle, e.g. `kanreg-x`.
    public var code: String
    public var name: String
    /// The office's area: the two-digit codes of the provinces it covers (Kanreg X Denpasar:
    /// 51, 52, 53). Its admins create and manage only tenants whose region lies in one of them.
    public var provinceCodes: [String]
    public var version: Int

    public init(id: UUID, code: String, name: String, provinceCodes: [String] = [], version: Int) {
        self.id = id; self.code = code; self.name = name; self.provinceCodes = provinceCodes; self.version = version
    }

    /// Whether a region (`53.71`, `62`) lies in this office's area.
    public func covers(regionCode: String) -> Bool {
        BknOffice.area(provinceCodes, covers: regionCode)
    }

    /// Whether a region lies in the area given by these province codes: its first two digits
    /// are one of them.
    public static func area(_ provinceCodes: [String], covers regionCode: String) -> Bool {
        let province = regionCode.prefix(2)
        return province.count == 2 && provinceCodes.contains { $0 == province }
    }
}
