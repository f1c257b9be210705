import Foundation

/// A transfer decree (surat keputusan pemindahan) of an approved plan: its number from the
/// tenant's gapless sequence, its content frozen when issued (`content`, with the SHA-256 of
/// the stored text), and where it stands: issued -> signed; cancelled (keeping its number).
public struct Decree: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        case issued, signed, cancelled
    }
    public var id: UUID
    public var planID: UUID
    /// The agency whose employees it moves when the tenant issues one decree per agency.
    public var agencyID: UUID?
    public var number: String
    public var year: Int
    public var seq: Int
    public var status: Status
    /// TMT: when the moves take effect.
    public var effectiveDate: CalendarDate
    /// SHA-256 (hex) of the stored content text: what a signature covers.
    public var sha256: String
    public var rowCount: Int
    public var issuedBy: UUID
    public var issuedAt: Date
    public var signedOn: CalendarDate?
    public var signedBy: UUID?
    public var cancelledAt: Date?
    public var cancelledBy: UUID?
    public var cancelReason: String?
    public var version: Int
    /// The frozen text of the decree; left out of lists.
    public var content: DecreeContent?

    public init(id: UUID, planID: UUID, agencyID: UUID?, number: String, year: Int, seq: Int, status: Status,
                effectiveDate: CalendarDate, sha256: String, rowCount: Int, issuedBy: UUID, issuedAt: Date,
                signedOn: CalendarDate? = nil, signedBy: UUID? = nil, cancelledAt: Date? = nil, cancelledBy: UUID? = nil,
                cancelReason: String? = nil, version: Int, content: DecreeContent? = nil) {
        self.id = id; self.planID = planID; self.agencyID = agencyID; self.number = number; self.year = year; self.seq = seq
        self.status = status; self.effectiveDate = effectiveDate; self.sha256 = sha256; self.rowCount = rowCount
        self.issuedBy = issuedBy; self.issuedAt = issuedAt; self.signedOn = signedOn; self.signedBy = signedBy
        self.cancelledAt = cancelledAt; self.cancelledBy = cancelledBy; self.cancelReason = cancelReason
        self.version = version; self.content = content
    }
}

/// Everything a decree says, as it was when issued; never changes afterwards.
public struct DecreeContent: Codable, Sendable, Equatable {
    public var number: String
    public var regionHead: String
    public var placeOfSigning: String
    public var considerations: [String]
    public var legalBases: [String]
    public var effectiveDate: CalendarDate
    public var issuedOn: CalendarDate
    public var signatoryName: String
    public var signatoryTitle: String
    public var signatoryNIP: String
    public var copies: [String]
    /// The agency this decree is for (decrees per agency), by name.
    public var agencyName: String?
    /// The annex (lampiran): one row per kept move.
    public var rows: [AnnexRow]

    public init(number: String, regionHead: String, placeOfSigning: String, considerations: [String], legalBases: [String],
                effectiveDate: CalendarDate, issuedOn: CalendarDate, signatoryName: String, signatoryTitle: String,
                signatoryNIP: String, copies: [String], agencyName: String?, rows: [AnnexRow]) {
        self.number = number; self.regionHead = regionHead; self.placeOfSigning = placeOfSigning
        self.considerations = considerations; self.legalBases = legalBases; self.effectiveDate = effectiveDate
        self.issuedOn = issuedOn; self.signatoryName = signatoryName; self.signatoryTitle = signatoryTitle
        self.signatoryNIP = signatoryNIP; self.copies = copies; self.agencyName = agencyName; self.rows = rows
    }

    /// The canonical JSON text stored and hashed (sorted keys, so the same content gives the
    /// same bytes).
    public func canonicalJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// One row of a decree's annex: No, Nama / NIP, Pangkat / Golongan, Jabatan lama (jabatan,
/// unit kerja), Jabatan baru.
public struct AnnexRow: Codable, Sendable, Equatable {
    public var no: Int
    public var employeeID: UUID
    public var name: String
    public var nip: String
    /// `Penata Muda (III/a)`.
    public var rank: String
    public var fromPosition: String
    public var fromUnit: String
    public var toPosition: String
    public var toUnit: String

    public init(no: Int, employeeID: UUID, name: String, nip: String, rank: String, fromPosition: String, fromUnit: String,
                toPosition: String, toUnit: String) {
        self.no = no; self.employeeID = employeeID; self.name = name; self.nip = nip; self.rank = rank
        self.fromPosition = fromPosition; self.fromUnit = fromUnit; self.toPosition = toPosition; self.toUnit = toUnit
    }
}
