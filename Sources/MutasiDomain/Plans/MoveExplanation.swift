import Foundation

/// Why a plan proposes a move, in Bahasa Indonesia, from the move's own figures: the shortage it
/// fills at the target, fit and the training it needs, the rank of the target among the
/// employee's wishes, the distance, and whether it is voluntary or compulsory (and against a
/// wish to stay). Employees read it with their proposed move; staff with the moves list.
public enum MoveExplanation {
    /// What the text is made from. `targetNeed` and `targetStaff` are the target slot's need and
    /// active staff when the plan was built, `wish` the employee's wish then; each nil when the
    /// plan was built before they were recorded.
    public struct Facts: Sendable, Equatable {
        public var toSlot: String
        public var kind: String
        public var wishRank: Int?
        public var fit: Int
        public var distance: Int
        public var trainingNeeds: [PlanMove.TrainingNeed]
        public var targetNeed: Int?
        public var targetStaff: Int?
        public var wish: String?

        public init(toSlot: String, kind: String, wishRank: Int?, fit: Int, distance: Int,
                    trainingNeeds: [PlanMove.TrainingNeed], targetNeed: Int? = nil, targetStaff: Int? = nil, wish: String? = nil) {
            self.toSlot = toSlot; self.kind = kind; self.wishRank = wishRank; self.fit = fit; self.distance = distance
            self.trainingNeeds = trainingNeeds; self.targetNeed = targetNeed; self.targetStaff = targetStaff; self.wish = wish
        }
    }

    public static func text(_ f: Facts) -> String {
        [shortage(f), fit(f), wish(f), distance(f.distance), kind(f)].compactMap { $0 }.joined(separator: " ")
    }

    static func shortage(_ f: Facts) -> String? {
        if let need = f.targetNeed, let staff = f.targetStaff {
            let deficit = max(0, need - staff)
            let figures = "(kebutuhan \(need), terisi \(staff) saat rencana disusun)"
            return deficit > 0
                ? "Jabatan tujuan \(f.toSlot) kekurangan \(deficit) pegawai \(figures)."
                : "Jabatan tujuan \(f.toSlot) tidak kekurangan pegawai \(figures)."
        }
        // A compulsory move goes only to a slot short of staff (planning.md), so that much is known.
        return f.kind == "compulsory" ? "Jabatan tujuan \(f.toSlot) kekurangan pegawai saat rencana disusun." : nil
    }

    static func fit(_ f: Facts) -> String {
        let needs = f.trainingNeeds.filter { $0.gap > 0 }
        guard !needs.isEmpty else {
            return "Kesesuaian kompetensi \(f.fit) dari 100; tidak perlu pelatihan."
        }
        let list = needs.map { "\($0.code) (kurang \($0.gap) tingkat)" }.joined(separator: ", ")
        return "Kesesuaian kompetensi \(f.fit) dari 100; perlu pelatihan: \(list)."
    }

    static func wish(_ f: Facts) -> String? {
        if let rank = f.wishRank { return "Unit tujuan adalah pilihan ke-\(rank + 1) dalam formulir preferensi." }
        return f.kind == "compulsory" && f.wish == "move" ? "Unit tujuan tidak ada dalam pilihan formulir preferensi." : nil
    }

    static func distance(_ d: Int) -> String {
        switch d {
        case 0: "Jarak: wilayah yang sama (0)."
        case 20: "Jarak: masih dalam kabupaten/kota yang sama (20)."
        case 60: "Jarak: ke kabupaten/kota lain dalam provinsi yang sama (60)."
        case 150: "Jarak: ke provinsi lain (150)."
        default: "Jarak: \(d)."
        }
    }

    static func kind(_ f: Facts) -> String {
        guard f.kind == "compulsory" else { return "Mutasi sukarela, sesuai permohonan pegawai." }
        return f.wish == "stay"
            ? "Mutasi wajib untuk pemerataan pegawai, bertentangan dengan keinginan pegawai untuk tetap."
            : "Mutasi wajib untuk pemerataan pegawai."
    }
}
