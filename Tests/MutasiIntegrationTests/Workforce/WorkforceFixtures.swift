import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore

/// Small CSV files and helpers shared by the workforce tests (tenant kota-kupang, region 53.71).
enum WorkforceFixtures {
    static let units = """
        kode_unit;nama_unit;kode_instansi;kode_wilayah
        SDN-1;SD Negeri 1 Kupang;dinas-pendidikan;53.71.01
        SDN-2;"SD Negeri 2; Oebobo";dinas-pendidikan;53.71.02
        PKM-1;Puskesmas Oebobo;dinas-kesehatan;53.71.02

        """
    static let slots = """
        kode_unit,kode_jabatan,nama_jabatan,jenis_jabatan,golongan_min,golongan_maks,bidang_pendidikan,kompetensi,kebutuhan,alasan_kebutuhan
        SDN-1,GURU-KELAS,Guru Kelas,Guru,III/a,IV/b,Pendidikan Guru SD|Pendidikan,MENGAJAR:3,4,Formasi awal dari data BKD
        SDN-2,GURU-KELAS,Guru Kelas,guru,III/a,IV/b,Pendidikan Guru SD,MENGAJAR:3,2,Formasi awal dari data BKD
        PKM-1,PERAWAT,Perawat,Ahli Pertama,III/a,III/d,Keperawatan,KLINIS:2|TRIASE:1,3,Formasi awal dari data BKD
        PKM-1,PENGADMINISTRASI,Pengadministrasi Umum,Pelaksana,II/a,III/b,,,1,Formasi awal dari data BKD

        """
    static let employees = """
        nip;jenis_asn;nama;tanggal_lahir;jenis_kelamin;golongan;pendidikan;bidang_pendidikan;kompetensi;kode_unit;kode_jabatan;tmt_jabatan;skp;dikunci;alasan_kunci
        198503152010011002;PNS;Yohanes Ndun;1985-03-15;L;III/c;S1;Pendidikan Guru SD;MENGAJAR:3;SDN-1;GURU-KELAS;2018-01-01;2023:Baik|2024:Sangat Baik;tidak;
        199001022015032001;PNS;"Maria ""Ina"" Lado";02/01/1990;P;III/a;S1;Keperawatan;KLINIS:2;PKM-1;PERAWAT;2015-03-01;2024:Baik;ya;"Sedang tugas belajar
        sampai 2026"
        200012312024211001;PPPK;Agus Benu;;;IX;D3;Administrasi;;PKM-1;PENGADMINISTRASI;2024-02-01;;;
        197001011995031001;PNS;Tanpa Jabatan;;;IV/a;SMA;;;;;;;;

        """

    static func importCSV(_ http: some TestClientProtocol, token: String, tenantID: String, _ file: String, _ csv: String,
                          bom: Bool = false) async throws -> TestResponse {
        var bytes = Array(csv.utf8)
        if bom { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        return try await http.execute(uri: "/v1/tenants/\(tenantID)/imports/\(file)", method: .post,
                                      headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
                                      body: ByteBuffer(bytes: bytes))
    }

    /// Logs in as kota-kupang's admin and returns the token and the tenant id.
    static func kupangAdmin(_ http: some TestClientProtocol) async throws -> (String, String) {
        let token = try await http.login("kota-kupang", "admin")
        let tenantID = try await http.call(.get, "/v1/me", token: token).json()["scope"] as! String
        return (token, tenantID)
    }

    /// Imports units, slots and employees above, each expected to succeed.
    static func load(_ http: some TestClientProtocol, token: String, tenantID: String) async throws {
        for (file, csv) in [("units", units), ("slots", slots), ("employees", employees)] {
            let response = try await importCSV(http, token: token, tenantID: tenantID, file, csv)
            guard response.status == .ok else { throw TestSetupError("import \(file): \(response.status) \(response.text)") }
        }
    }

    /// The id of the unit with `code` and its first slot, as the API lists them.
    static func firstSlot(_ http: some TestClientProtocol, token: String, tenantID: String,
                          unit code: String) async throws -> (unitID: String, slot: [String: Any]) {
        let t = "/v1/tenants/\(tenantID)"
        let units = try await http.call(.get, "\(t)/units?q=\(code)", token: token).json()["items"] as? [[String: Any]] ?? []
        guard let unitID = units.first?["id"] as? String else { throw TestSetupError("no unit \(code)") }
        let slots = try await http.call(.get, "\(t)/slots?unitID=\(unitID)", token: token).json()["items"] as? [[String: Any]] ?? []
        guard let slot = slots.first else { throw TestSetupError("unit \(code) has no slot") }
        return (unitID, slot)
    }
}
