import Foundation

/// How a tenant writes its transfer decrees: the number pattern, one decree per plan or per
/// agency, the heading (the region's head), where it is signed, the Menimbang and Mengingat
/// lists, the signatory and the tembusan list. A tenant that stored none has `defaults(for:)`
/// at version 0.
public struct DecreeSettings: Codable, Sendable, Equatable {
    public var numberPattern: String
    public var perAgency: Bool
    /// `WALI KOTA KUPANG`, `BUPATI ...`, `GUBERNUR ...`.
    public var regionHead: String
    public var placeOfSigning: String
    /// Menimbang: the considerations, each a clause starting with "bahwa".
    public var considerations: [String]
    /// Mengingat: the legal bases.
    public var legalBases: [String]
    public var signatoryName: String
    public var signatoryTitle: String
    /// Empty when the signatory has none (an elected region head).
    public var signatoryNIP: String
    /// Tembusan: who receives copies.
    public var copies: [String]
    public var version: Int

    /// The region's name as its head's title writes it: `Pemerintah Kota Kupang` -> `Kupang`.
    public static func regionName(_ tenant: Tenant) -> String {
        var name = Substring(tenant.name.trimmingCharacters(in: .whitespaces))
        for prefix in ["Pemerintah ", "Provinsi ", "Kabupaten ", "Kota "] where name.lowercased().hasPrefix(prefix.lowercased()) {
            name = name.dropFirst(prefix.count)
        }
        return name.isEmpty ? tenant.name : String(name)
    }

    public static func defaults(for tenant: Tenant) -> DecreeSettings {
        let region = regionName(tenant)
        let head: String
        let government: String
        switch tenant.kind {
        case .province: head = "GUBERNUR"; government = "Pemerintah Provinsi"
        case .regency: head = "BUPATI"; government = "Pemerintah Kabupaten"
        case .city: head = "WALI KOTA"; government = "Pemerintah Kota"
        }
        let regionHead = "\(head) \(region.uppercased())"
        return DecreeSettings(
            numberPattern: DecreeNumberPattern.standard, perAgency: false, regionHead: regionHead, placeOfSigning: region,
            considerations: [
                "bahwa dalam rangka pemerataan, pengembangan karier dan pendayagunaan Pegawai Negeri Sipil sesuai kebutuhan organisasi, perlu dilakukan pemindahan Pegawai Negeri Sipil di lingkungan \(government) \(region);",
                "bahwa Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan ini dipandang memenuhi syarat untuk dipindahkan;",
                "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu menetapkan Keputusan \(regionHead.capitalized) tentang Pemindahan Pegawai Negeri Sipil;",
            ],
            legalBases: [
                "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 6 Tahun 2023;",
                "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara;",
                "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020;",
                "Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi;",
            ],
            signatoryName: "", signatoryTitle: regionHead, signatoryNIP: "",
            copies: [
                "Kepala Kantor Regional Badan Kepegawaian Negara;",
                "Inspektur \(region);",
                "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia;",
                "Kepala Perangkat Daerah yang bersangkutan;",
                "Pegawai Negeri Sipil yang bersangkutan.",
            ],
            version: 0)
    }

    public init(numberPattern: String, perAgency: Bool, regionHead: String, placeOfSigning: String, considerations: [String],
                legalBases: [String], signatoryName: String, signatoryTitle: String, signatoryNIP: String, copies: [String],
                version: Int) {
        self.numberPattern = numberPattern; self.perAgency = perAgency; self.regionHead = regionHead
        self.placeOfSigning = placeOfSigning; self.considerations = considerations; self.legalBases = legalBases
        self.signatoryName = signatoryName; self.signatoryTitle = signatoryTitle; self.signatoryNIP = signatoryNIP
        self.copies = copies; self.version = version
    }

    /// The parsed number pattern (the settings are checked when stored).
    public var pattern: DecreeNumberPattern {
        get throws { try DecreeNumberPattern(numberPattern, perAgency: perAgency) }
    }

    /// Checks every field, naming the first that is wrong: texts 1-200 characters (the
    /// signatory's name and NIP may be empty; a NIP is 18 digits), lists of 1-20 items of 1-1000
    /// characters (tembusan may be empty).
    public func validated() throws -> DecreeSettings {
        _ = try pattern
        func text(_ value: String, _ field: String, empty: Bool = false) throws {
            let count = value.trimmingCharacters(in: .whitespacesAndNewlines).count
            guard (empty ? 0 : 1)...200 ~= count, !value.contains(where: \.isNewline) else {
                throw DomainError.invalid("decree_settings.invalid_text", "\(field) must have \(empty ? 0 : 1) to 200 characters on one line.",
                                          field: field)
            }
        }
        func list(_ items: [String], _ field: String, empty: Bool = false) throws {
            guard (empty ? 0 : 1)...20 ~= items.count,
                  items.allSatisfy({ (1...1000).contains($0.trimmingCharacters(in: .whitespacesAndNewlines).count) }) else {
                throw DomainError.invalid("decree_settings.invalid_list",
                                          "\(field) must list \(empty ? 0 : 1) to 20 items of 1 to 1000 characters.", field: field)
            }
        }
        try text(regionHead, "regionHead")
        try text(placeOfSigning, "placeOfSigning")
        try text(signatoryName, "signatoryName", empty: true)
        try text(signatoryTitle, "signatoryTitle")
        guard signatoryNIP.isEmpty || (signatoryNIP.count == 18 && signatoryNIP.allSatisfy({ $0.isASCII && $0.isNumber })) else {
            throw DomainError.invalid("decree_settings.invalid_nip", "signatoryNIP must be 18 digits or empty.", field: "signatoryNIP")
        }
        try list(considerations, "considerations")
        try list(legalBases, "legalBases")
        try list(copies, "copies", empty: true)
        return self
    }

    /// Changes to the settings; absent fields stay, unknown fields are refused.
    public struct Changes: Codable, Sendable {
        public var numberPattern: String?
        public var perAgency: Bool?
        public var regionHead: String?
        public var placeOfSigning: String?
        public var considerations: [String]?
        public var legalBases: [String]?
        public var signatoryName: String?
        public var signatoryTitle: String?
        public var signatoryNIP: String?
        public var copies: [String]?

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case numberPattern, perAgency, regionHead, placeOfSigning, considerations, legalBases, signatoryName, signatoryTitle,
                 signatoryNIP, copies
        }

        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            numberPattern = try c.decodeIfPresent(String.self, forKey: .numberPattern)
            perAgency = try c.decodeIfPresent(Bool.self, forKey: .perAgency)
            regionHead = try c.decodeIfPresent(String.self, forKey: .regionHead)
            placeOfSigning = try c.decodeIfPresent(String.self, forKey: .placeOfSigning)
            considerations = try c.decodeIfPresent([String].self, forKey: .considerations)
            legalBases = try c.decodeIfPresent([String].self, forKey: .legalBases)
            signatoryName = try c.decodeIfPresent(String.self, forKey: .signatoryName)
            signatoryTitle = try c.decodeIfPresent(String.self, forKey: .signatoryTitle)
            signatoryNIP = try c.decodeIfPresent(String.self, forKey: .signatoryNIP)
            copies = try c.decodeIfPresent([String].self, forKey: .copies)
        }

        public func applied(to s: DecreeSettings) -> DecreeSettings {
            var r = s
            r.numberPattern = numberPattern ?? s.numberPattern
            r.perAgency = perAgency ?? s.perAgency
            r.regionHead = regionHead ?? s.regionHead
            r.placeOfSigning = placeOfSigning ?? s.placeOfSigning
            r.considerations = considerations ?? s.considerations
            r.legalBases = legalBases ?? s.legalBases
            r.signatoryName = signatoryName ?? s.signatoryName
            r.signatoryTitle = signatoryTitle ?? s.signatoryTitle
            r.signatoryNIP = signatoryNIP ?? s.signatoryNIP
            r.copies = copies ?? s.copies
            return r
        }
    }
}
