import Testing
@testable import MutasiDomain

@Suite struct MoveExplanationTests {
    @Test("a compulsory move against a wish to stay names the shortage, training, distance and the wish")
    func compulsoryAgainstStay() {
        let text = MoveExplanation.text(.init(
            toSlot: "puskesmas-a/perawat", kind: "compulsory", wishRank: nil, fit: 75, distance: 60,
            trainingNeeds: [.init(code: "EPI", gap: 1)], targetNeed: 4, targetStaff: 1, wish: "stay"))
        #expect(text == "Jabatan tujuan puskesmas-a/perawat kekurangan 3 pegawai (kebutuhan 4, terisi 1 saat rencana disusun). "
            + "Kesesuaian kompetensi 75 dari 100; perlu pelatihan: EPI (kurang 1 tingkat). "
            + "Jarak: ke kabupaten/kota lain dalam provinsi yang sama (60). "
            + "Mutasi wajib untuk pemerataan pegawai, bertentangan dengan keinginan pegawai untuk tetap.")
    }

    @Test("a voluntary move names the wish's rank; a full target says so")
    func voluntary() {
        let text = MoveExplanation.text(.init(
            toSlot: "sd-1/guru", kind: "voluntary", wishRank: 1, fit: 100, distance: 0, trainingNeeds: [],
            targetNeed: 2, targetStaff: 2, wish: "move"))
        #expect(text.contains("tidak kekurangan pegawai (kebutuhan 2, terisi 2"))
        #expect(text.contains("Unit tujuan adalah pilihan ke-2 dalam formulir preferensi."))
        #expect(text.contains("tidak perlu pelatihan") && text.contains("Jarak: wilayah yang sama (0)."))
        #expect(text.hasSuffix("Mutasi sukarela, sesuai permohonan pegawai."))
    }

    @Test("without the build's figures a compulsory move still says its target was short; a listed wish missed is named")
    func withoutFigures() {
        let text = MoveExplanation.text(.init(
            toSlot: "kantor/staf", kind: "compulsory", wishRank: nil, fit: 50, distance: 150,
            trainingNeeds: [.init(code: "ADM", gap: 2)], wish: "move"))
        #expect(text.hasPrefix("Jabatan tujuan kantor/staf kekurangan pegawai saat rencana disusun."))
        #expect(text.contains("Unit tujuan tidak ada dalam pilihan formulir preferensi."))
        #expect(text.contains("Jarak: ke provinsi lain (150).") && text.hasSuffix("Mutasi wajib untuk pemerataan pegawai."))
        let old = MoveExplanation.text(.init(toSlot: "x/y", kind: "voluntary", wishRank: 0, fit: 100, distance: 20, trainingNeeds: []))
        #expect(!old.contains("Jabatan tujuan"))
    }
}
