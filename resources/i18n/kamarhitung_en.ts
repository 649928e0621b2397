<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name></name>
    <message>
        <source>Entri {0} ({1}): {2}</source>
        <translation>Entry {0} ({1}): {2}</translation>
    </message>
    <message>
        <source>Masalah yang diangkat operator</source>
        <translation>Problems raised by the operators</translation>
    </message>
</context>
<context>
    <name>AnomalyScreen</name>
    <message>
        <source>Anomali pada formulir final</source>
        <translation>Anomalies in final forms</translation>
    </message>
    <message>
        <source>Cari desa atau kode TPS…</source>
        <translation>Search desa or TPS code…</translation>
    </message>
    <message>
        <source>Enter atau klik dua kali: buka TPS (gambar dan entri).</source>
        <translation>Enter or double-click: open the TPS (image and entries).</translation>
    </message>
    <message>
        <source>Saring menurut jenis anomali</source>
        <translation>Filter by kind of anomaly</translation>
    </message>
    <message>
        <source>Saring menurut kecamatan</source>
        <translation>Filter by kecamatan</translation>
    </message>
    <message>
        <source>Saring menurut pemilihan</source>
        <translation>Filter by contest</translation>
    </message>
    <message>
        <source>Memindai…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <source>Pemindaian gagal: {0}</source>
        <translation>Scan failed: {0}</translation>
    </message>
    <message>
        <source>Semua jenis</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Semua kecamatan</source>
        <translation>All kecamatan</translation>
    </message>
    <message>
        <source>Kec. {0}</source>
        <translation>Kec. {0}</translation>
    </message>
    <message>
        <source>Semua pemilihan</source>
        <translation>All contests</translation>
    </message>
    <message>
        <source>{n} anomali</source>
        <translation>{n} anomalies</translation>
    </message>
    <message>
        <source>{shown} dari {total} anomali</source>
        <translation>{shown} of {total} anomalies</translation>
    </message>
</context>
<context>
    <name>AnomalyTableModel</name>
    <message>
        <source>Kec. {kec}</source>
        <translation>Kec. {kec}</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Desa {desa}, Kec. {kec}</source>
        <translation>Desa {desa}, Kec. {kec}</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Rincian</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <source>Log audit</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Log audit hanya dapat dibaca oleh supervisor dan admin. Log ini mencatat siapa mengentri formulir mana, sedangkan setiap operator mengentri tanpa melihat pekerjaan operator lain. Hubungi supervisor bila perlu memeriksa log.</source>
        <translation>Only supervisors and admins can read the audit log. It records who keyed which form, whereas each operator keys without seeing the other operators&apos; work. Contact a supervisor if the log needs checking.</translation>
    </message>
    <message>
        <source>&amp;Pengguna:</source>
        <translation>&amp;User:</translation>
    </message>
    <message>
        <source>&amp;Aksi:</source>
        <translation>&amp;Action:</translation>
    </message>
    <message>
        <source>&amp;Hasil:</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <source>&amp;Dari tanggal:</source>
        <translation>Fro&amp;m date:</translation>
    </message>
    <message>
        <source>&amp;Sampai tanggal:</source>
        <translation>&amp;To date:</translation>
    </message>
    <message>
        <source>&amp;Cari:</source>
        <translation>Sea&amp;rch:</translation>
    </message>
    <message>
        <source>Teks di sasaran atau rincian…</source>
        <translation>Text in target or details…</translation>
    </message>
    <message>
        <source>tanpa batas</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>Nama pengguna persis; kosong: semua pengguna</source>
        <translation>Exact user name; empty: every user</translation>
    </message>
    <message>
        <source>Awal kode aksi: &apos;entry&apos; mencakup semua aksi entri; kosong: semua aksi</source>
        <translation>Start of the action code: &apos;entry&apos; covers every entry action; empty: every action</translation>
    </message>
    <message>
        <source>semua pengguna</source>
        <translation>all users</translation>
    </message>
    <message>
        <source>semua aksi</source>
        <translation>all actions</translation>
    </message>
    <message>
        <source>Rincian peristiwa</source>
        <translation>Event details</translation>
    </message>
    <message>
        <source>&amp;Verifikasi rantai</source>
        <translation>&amp;Verify chain</translation>
    </message>
    <message>
        <source>Periksa rantai hash audit, setiap versi entri dan setiap rekaman final terhadapnya</source>
        <translation>Check the audit hash chain, and every entry version and every final record against it</translation>
    </message>
    <message>
        <source>&amp;Ekspor JSONL…</source>
        <translation>E&amp;xport JSONL…</translation>
    </message>
    <message>
        <source>Simpan seluruh log audit beserta hash-nya sebagai JSON Lines, agar rantainya dapat diverifikasi di luar aplikasi</source>
        <translation>Save the whole audit log with its hashes as JSON Lines, so that the chain can be verified outside the application</translation>
    </message>
    <message>
        <source>Cari</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Muat ulang</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>{prefix} (semua)</source>
        <translation>{prefix} (all)</translation>
    </message>
    <message>
        <source>Semua hasil</source>
        <translation>All outcomes</translation>
    </message>
    <message>
        <source>{shown} peristiwa dimuat…</source>
        <translation>{shown} events loaded…</translation>
    </message>
    <message>
        <source>{total} peristiwa cocok; {shown} dimuat</source>
        <translation>{total} events match; {shown} loaded</translation>
    </message>
    <message>
        <source>Peristiwa</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Aksi</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Sasaran</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Kode aksi: {code} · hasil: {outcome}</source>
        <translation>Action code: {code} · outcome: {outcome}</translation>
    </message>
    <message>
        <source>Hash: {hash}</source>
        <translation>Hash: {hash}</translation>
    </message>
    <message>
        <source>Hash sebelumnya: {hash}</source>
        <translation>Previous hash: {hash}</translation>
    </message>
    <message>
        <source>Memverifikasi rantai audit…</source>
        <translation>Verifying the audit chain…</translation>
    </message>
    <message>
        <source>Rantai audit utuh.</source>
        <translation>The audit chain is intact.</translation>
    </message>
    <message>
        <source>Rantai audit TIDAK utuh: lihat layar Audit.</source>
        <translation>The audit chain is NOT intact: see the Audit screen.</translation>
    </message>
    <message>
        <source>Verifikasi gagal dijalankan: {error}</source>
        <translation>The verification could not run: {error}</translation>
    </message>
    <message>
        <source>Rantai audit utuh: {events} peristiwa; {versions} versi entri dan {final} rekaman final cocok dengannya.</source>
        <translation>The audit chain is intact: {events} events; {versions} entry versions and {final} final records match it.</translation>
    </message>
    <message>
        <source>Kepala rantai (catat di kertas): {head}</source>
        <translation>Chain head (write it down): {head}</translation>
    </message>
    <message>
        <source>Rantai audit TIDAK utuh. Masalah pertama:</source>
        <translation>The audit chain is NOT intact. First problems:</translation>
    </message>
    <message>
        <source>…dan {n} masalah lain.</source>
        <translation>…and {n} more problems.</translation>
    </message>
    <message>
        <source>Ekspor log audit</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;Semua berkas (*)</source>
        <translation>JSON Lines (*.jsonl);;All files (*)</translation>
    </message>
    <message>
        <source>Mengekspor log audit…</source>
        <translation>Exporting the audit log…</translation>
    </message>
    <message>
        <source>Log audit diekspor ke {file}.</source>
        <translation>Audit log exported to {file}.</translation>
    </message>
    <message>
        <source>{events} peristiwa diekspor ke {file} ({size} byte, SHA-256 {sha}…); ekspor ini tercatat sebagai peristiwa {seq}.</source>
        <translation>{events} events exported to {file} ({size} bytes, SHA-256 {sha}…); this export is recorded as event {seq}.</translation>
    </message>
    <message>
        <source>Ekspor gagal: {error}</source>
        <translation>Export failed: {error}</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Aksi</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Sasaran</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Outcome</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <source>Cadangan dibuat: {0}</source>
        <translation>Backup made: {0}</translation>
    </message>
    <message>
        <source>Cadangan gagal: {0}</source>
        <translation>Backup failed: {0}</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Cadangan workspace</source>
        <translation>Workspace backups</translation>
    </message>
    <message>
        <source>Cadangan dibuat otomatis setiap 15 menit dan saat aplikasi ditutup. 24 cadangan terbaru disimpan di folder backups workspace. Untuk memulihkan: kamarhitung restore CADANGAN WORKSPACE.</source>
        <translation>Backups are made automatically every 15 minutes and when the application closes. The 24 most recent backups are kept in the workspace&apos;s backups folder. To restore one: kamarhitung restore BACKUP WORKSPACE.</translation>
    </message>
    <message>
        <source>&amp;Buat cadangan sekarang</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>Membuat cadangan…</source>
        <translation>Making a backup…</translation>
    </message>
    <message>
        <source>Cadangan dibuat: {0} ({1} peristiwa audit).</source>
        <translation>Backup made: {0} ({1} audit events).</translation>
    </message>
    <message>
        <source>Cadangan gagal: {0}</source>
        <translation>Backup failed: {0}</translation>
    </message>
</context>
<context>
    <name>CaPanel</name>
    <message>
        <source>Otoritas sertifikat provinsi (CA)</source>
        <translation>Province certificate authority (CA)</translation>
    </message>
    <message>
        <source>Folder CA</source>
        <translation>CA folder</translation>
    </message>
    <message>
        <source>Pilih…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Buat CA dan identitas baru</source>
        <translation>Create a new CA and identity</translation>
    </message>
    <message>
        <source>Nama provinsi</source>
        <translation>Province name</translation>
    </message>
    <message>
        <source>Frasa sandi kunci CA</source>
        <translation>CA key passphrase</translation>
    </message>
    <message>
        <source>Ulangi</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <source>Frasa sandi identitas</source>
        <translation>Identity passphrase</translation>
    </message>
    <message>
        <source>mis. PROVINSI JAWA TIMUR</source>
        <translation>e.g. PROVINSI JAWA TIMUR</translation>
    </message>
    <message>
        <source>Buat CA dan identitas</source>
        <translation>Create CA and identity</translation>
    </message>
    <message>
        <source>Terbitkan atau cabut sertifikat kabupaten</source>
        <translation>Issue or revoke kabupaten certificates</translation>
    </message>
    <message>
        <source>Permintaan (.csr)</source>
        <translation>Request (.csr)</translation>
    </message>
    <message>
        <source>Masa berlaku (hari)</source>
        <translation>Validity (days)</translation>
    </message>
    <message>
        <source>Sertifikat / nomor seri</source>
        <translation>Certificate / serial number</translation>
    </message>
    <message>
        <source>berkas cert.pem atau nomor seri (hex)</source>
        <translation>a cert.pem file or a serial number (hex)</translation>
    </message>
    <message>
        <source>Terbitkan sertifikat…</source>
        <translation>Issue certificate…</translation>
    </message>
    <message>
        <source>Cabut sertifikat</source>
        <translation>Revoke certificate</translation>
    </message>
    <message>
        <source>Folder ini belum berisi CA (ca.pem). Buat CA baru di bawah, atau pilih folder CA yang ada.</source>
        <translation>This folder holds no CA yet (ca.pem). Create a new CA below, or choose an existing CA folder.</translation>
    </message>
    <message>
        <source>terenkripsi frasa sandi</source>
        <translation>encrypted with a passphrase</translation>
    </message>
    <message>
        <source>TIDAK terenkripsi (kunci demo)</source>
        <translation>NOT encrypted (demo key)</translation>
    </message>
    <message>
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <source>&lt;b&gt;CA:&lt;/b&gt; {subject}</source>
        <translation>&lt;b&gt;CA:&lt;/b&gt; {subject}</translation>
    </message>
    <message>
        <source>Berlaku s.d. {until}</source>
        <translation>Valid until {until}</translation>
    </message>
    <message>
        <source>CRL nomor {n}: {revoked} sertifikat dicabut, berlaku s.d. {until}</source>
        <translation>CRL number {n}: {revoked} certificates revoked, valid until {until}</translation>
    </message>
    <message>
        <source>Identitas (identity.age): {state}</source>
        <translation>Identity (identity.age): {state}</translation>
    </message>
    <message>
        <source>Penerima: {recipients}</source>
        <translation>Recipients: {recipients}</translation>
    </message>
    <message>
        <source>Sertifikat diterbitkan: {n}</source>
        <translation>Certificates issued: {n}</translation>
    </message>
    <message>
        <source>Permintaan sertifikat dari kabupaten</source>
        <translation>Certificate request from a kabupaten</translation>
    </message>
    <message>
        <source>Permintaan sertifikat (*.csr *.pem);;Semua berkas (*)</source>
        <translation>Certificate requests (*.csr *.pem);;All files (*)</translation>
    </message>
    <message>
        <source>Sertifikat yang dicabut</source>
        <translation>Certificate to revoke</translation>
    </message>
    <message>
        <source>Sertifikat (*.pem *.crt);;Semua berkas (*)</source>
        <translation>Certificates (*.pem *.crt);;All files (*)</translation>
    </message>
    <message>
        <source>Kunci CA</source>
        <translation>CA key</translation>
    </message>
    <message>
        <source>Identitas</source>
        <translation>Identity</translation>
    </message>
    <message>
        <source>Pakai frasa sandi yang berbeda untuk kunci CA dan untuk identitas.</source>
        <translation>Use different passphrases for the CA key and for the identity.</translation>
    </message>
    <message>
        <source>CA {subject} dibuat di {folder}. Berikan recipient.txt, ca.pem dan crl.pem kepada setiap kabupaten; simpan ca-key.age dan identity.age di tempat aman.</source>
        <translation>CA {subject} created in {folder}. Give recipient.txt, ca.pem and crl.pem to every kabupaten; keep ca-key.age and identity.age in a safe place.</translation>
    </message>
    <message>
        <source>Membuat CA dan identitas…</source>
        <translation>Creating the CA and identity…</translation>
    </message>
    <message>
        <source>Pilih permintaan sertifikat (.csr) dari kabupaten dulu.</source>
        <translation>Choose the kabupaten&apos;s certificate request (.csr) first.</translation>
    </message>
    <message>
        <source>Simpan sertifikat untuk kabupaten</source>
        <translation>Save the certificate for the kabupaten</translation>
    </message>
    <message>
        <source>Sertifikat (*.pem);;Semua berkas (*)</source>
        <translation>Certificates (*.pem);;All files (*)</translation>
    </message>
    <message>
        <source>Ketik frasa sandi kunci CA.</source>
        <translation>Type the CA key passphrase.</translation>
    </message>
    <message>
        <source>{path} sudah ada; pilih nama lain (tidak ditimpa).</source>
        <translation>{path} already exists; choose another name (it is not overwritten).</translation>
    </message>
    <message>
        <source>Sertifikat untuk KAB-{code} diterbitkan ke {path} (nomor seri {serial}, berlaku s.d. {until}). Serahkan bersama ca.pem, crl.pem dan recipient.txt.</source>
        <translation>Certificate for KAB-{code} issued to {path} (serial number {serial}, valid until {until}). Hand it over together with ca.pem, crl.pem and recipient.txt.</translation>
    </message>
    <message>
        <source>Menerbitkan sertifikat…</source>
        <translation>Issuing the certificate…</translation>
    </message>
    <message>
        <source>Pilih sertifikat atau ketik nomor serinya.</source>
        <translation>Choose a certificate or type its serial number.</translation>
    </message>
    <message>
        <source> CRL workspace provinsi ini ikut diperbarui.</source>
        <translation> The CRL of this province workspace was updated too.</translation>
    </message>
    <message>
        <source>Nomor seri {serial} dicabut. {crl} (nomor {n}) berlaku s.d. {until}: berikan kepada setiap kabupaten.{extra}</source>
        <translation>Serial number {serial} revoked. {crl} (number {n}) is valid until {until}: give it to every kabupaten.{extra}</translation>
    </message>
    <message>
        <source>Mencabut sertifikat…</source>
        <translation>Revoking the certificate…</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Simpan PNG</source>
        <translation>Save PNG</translation>
    </message>
    <message>
        <source>Simpan grafik ini sebagai gambar PNG</source>
        <translation>Save this chart as a PNG image</translation>
    </message>
    <message>
        <source>Simpan grafik sebagai PNG</source>
        <translation>Save chart as PNG</translation>
    </message>
    <message>
        <source>Gambar PNG (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>Gagal menyimpan: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Rekapitulasi</source>
        <translation>Recap</translation>
    </message>
    <message>
        <source>{kab} · {election}</source>
        <translation>{kab} · {election}</translation>
    </message>
    <message>
        <source>Pemilihan:</source>
        <translation>Contest:</translation>
    </message>
    <message>
        <source>Perbarui</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Baca ulang angka sekarang (F5); otomatis tiap 2 detik</source>
        <translation>Read the numbers again now (F5); automatic every 2 seconds</translation>
    </message>
    <message>
        <source>Wilayah dan cakupan formulir final</source>
        <translation>Regions and coverage of final forms</translation>
    </message>
    <message>
        <source>Pilih wilayah untuk grafiknya · Enter pada TPS: gambar dan entri</source>
        <translation>Select a region for its charts · Enter on a TPS: image and entries</translation>
    </message>
    <message>
        <source>Formulir final</source>
        <translation>Final forms</translation>
    </message>
    <message>
        <source>Suara sah</source>
        <translation>Valid votes</translation>
    </message>
    <message>
        <source>Partisipasi (TPS final)</source>
        <translation>Turnout (final TPS)</translation>
    </message>
    <message>
        <source>Perkiraan selesai</source>
        <translation>Expected completion</translation>
    </message>
    <message>
        <source>Ringkasan</source>
        <translation>Overview</translation>
    </message>
    <message>
        <source>Selisih resmi</source>
        <translation>Official discrepancies</translation>
    </message>
    <message>
        <source>Detail TPS</source>
        <translation>TPS detail</translation>
    </message>
    <message>
        <source>Anomali ({n})</source>
        <translation>Anomalies ({n})</translation>
    </message>
    <message>
        <source>Anomali</source>
        <translation>Anomalies</translation>
    </message>
    <message>
        <source>Gagal memperbarui: {0}</source>
        <translation>Refresh failed: {0}</translation>
    </message>
    <message>
        <source>Diperbarui {0}</source>
        <translation>Updated {0}</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Kabupaten/kota</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Desa/kelurahan</translation>
    </message>
    <message>
        <source>{n} TPS</source>
        <translation>{n} TPS</translation>
    </message>
    <message>
        <source>{final} dari {total}</source>
        <translation>{final} of {total}</translation>
    </message>
    <message>
        <source>{pct} · {diff} berbeda · {janggal} janggal</source>
        <translation>{pct} · {diff} different · {janggal} inconsistent</translation>
    </message>
    <message>
        <source>tidak sah {n} ({pct})</source>
        <translation>invalid {n} ({pct})</translation>
    </message>
    <message>
        <source>{voters} dari {listed} pemilih</source>
        <translation>{voters} of {listed} voters</translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>semua formulir final</source>
        <translation>all forms final</translation>
    </message>
    <message>
        <source>tidak ada formulir final dalam 3 jam terakhir</source>
        <translation>no form became final in the last 3 hours</translation>
    </message>
    <message>
        <source>laju {rate} formulir/jam · sisa {left}</source>
        <translation>rate {rate} forms/hour · {left} left</translation>
    </message>
</context>
<context>
    <name>DifferencePanel</name>
    <message>
        <source>Sesuai gambar C1</source>
        <translation>Matches the C1 image</translation>
    </message>
    <message>
        <source>Salah ketik operator</source>
        <translation>Operator typing error</translation>
    </message>
    <message>
        <source>Angka pada formulir kurang jelas; dibaca dari gambar</source>
        <translation>Number on the form unclear; read from the image</translation>
    </message>
    <message>
        <source>Sesuai jumlah pada baris lain formulir</source>
        <translation>Matches the totals in other rows of the form</translation>
    </message>
    <message>
        <source>Isian yang berbeda</source>
        <translation>Differing fields</translation>
    </message>
    <message>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Keputusan</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Nilai pada &amp;gambar:</source>
        <translation>Value on the &amp;image:</translation>
    </message>
    <message>
        <source>&amp;Alasan (wajib):</source>
        <translation>&amp;Reason (required):</translation>
    </message>
    <message>
        <source>Mengapa nilai ini yang benar</source>
        <translation>Why this value is right</translation>
    </message>
    <message>
        <source>&lt;b&gt;Formulir hasil penyelesaian masih gagal pemeriksaan.&lt;/b&gt; Kertasnya sendiri tidak konsisten: terima sebagai janggal dengan catatan, atau kembalikan.</source>
        <translation>&lt;b&gt;The resolved form still fails the checks.&lt;/b&gt; The paper itself is inconsistent: accept it as inconsistent (janggal) with a note, or send it back.</translation>
    </message>
    <message>
        <source>&amp;Catatan janggal:</source>
        <translation>Inconsistency &amp;note:</translation>
    </message>
    <message>
        <source>Ctrl+Enter: terima sebagai janggal · Ctrl+K: kembalikan untuk entri ulang · Ctrl+Shift+K: kembalikan entri kedua saja</source>
        <translation>Ctrl+Enter: accept as inconsistent · Ctrl+K: send back for re-entry · Ctrl+Shift+K: send back the second entry only</translation>
    </message>
    <message>
        <source>Ditandai: kertasnya sendiri ambigu (kekeliruan pada formulir). F: batalkan</source>
        <translation>Flagged: the paper itself is ambiguous (an error on the form). F: undo</translation>
    </message>
    <message>
        <source>Angka kedua entri sama; yang berbeda hanya masalah yang diangkat operator. Periksa gambar, lalu simpan dengan alasan atau kembalikan.</source>
        <translation>The numbers of both entries agree; only the problems raised by the operators differ. Check the image, then save with a reason or send it back.</translation>
    </message>
    <message>
        <source>Perbedaan {0} dari {1}</source>
        <translation>Difference {0} of {1}</translation>
    </message>
    <message>
        <source>Nilai Anda tidak sama dengan kedua entri. Periksa gambar sekali lagi, lalu pilih.</source>
        <translation>Your value matches neither entry. Check the image once more, then choose.</translation>
    </message>
    <message>
        <source>Sudah diputuskan. Ketik ulang untuk mengubah, atau Enter: berikutnya.</source>
        <translation>Already decided. Retype to change it, or Enter: next.</translation>
    </message>
    <message>
        <source>Baca angka pada gambar dan ketik, lalu Enter. Nilai kedua entri tidak ditampilkan.</source>
        <translation>Read the number on the image and type it, then Enter. The values of the two entries are not shown.</translation>
    </message>
    <message>
        <source>tidak diisi</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>Ketikan Anda</source>
        <translation>You typed</translation>
    </message>
    <message>
        <source>Enter: pakai nilai ini</source>
        <translation>Enter: use this value</translation>
    </message>
    <message>
        <source>Entri 1 · {0}</source>
        <translation>Entry 1 · {0}</translation>
    </message>
    <message>
        <source>1: pakai entri 1</source>
        <translation>1: use entry 1</translation>
    </message>
    <message>
        <source>Entri 2 · {0}</source>
        <translation>Entry 2 · {0}</translation>
    </message>
    <message>
        <source>2: pakai entri 2</source>
        <translation>2: use entry 2</translation>
    </message>
    <message>
        <source>Ketik angka yang terbaca pada gambar, lalu Enter.</source>
        <translation>Type the number you read on the image, then Enter.</translation>
    </message>
    <message>
        <source>Entri {0} tidak mengisi isian ini.</source>
        <translation>Entry {0} left this field empty.</translation>
    </message>
    <message>
        <source>Ketik ulang nilai pada gambar, lalu Enter.</source>
        <translation>Retype the value on the image, then Enter.</translation>
    </message>
    <message>
        <source>Semua perbedaan sudah diputuskan. Isi alasan, lalu Ctrl+Enter untuk menyimpan.</source>
        <translation>Every difference is decided. Fill in the reason, then Ctrl+Enter to save.</translation>
    </message>
    <message>
        <source>belum</source>
        <translation>not yet</translation>
    </message>
    <message>
        <source>perlu dipilih</source>
        <translation>needs a choice</translation>
    </message>
    <message>
        <source>entri 1</source>
        <translation>entry 1</translation>
    </message>
    <message>
        <source>entri 2</source>
        <translation>entry 2</translation>
    </message>
    <message>
        <source>diketik</source>
        <translation>typed</translation>
    </message>
    <message>
        <source>keliru: entri 1</source>
        <translation>wrong: entry 1</translation>
    </message>
    <message>
        <source>keliru: entri 2</source>
        <translation>wrong: entry 2</translation>
    </message>
    <message>
        <source>keliru: keduanya</source>
        <translation>wrong: both</translation>
    </message>
    <message>
        <source>formulir ambigu</source>
        <translation>form ambiguous</translation>
    </message>
    <message>
        <source>Enter: pakai nilai Anda · 1 / 2: pakai entri 1 / entri 2 · Backspace: ketik ulang · F: kertasnya ambigu · ↑/↓: perbedaan sebelumnya/berikutnya</source>
        <translation>Enter: use your value · 1 / 2: use entry 1 / entry 2 · Backspace: retype · F: the paper is ambiguous · ↑/↓: previous/next difference</translation>
    </message>
    <message>
        <source>Enter: periksa nilai · ↑/↓: perbedaan sebelumnya/berikutnya · F: kertasnya ambigu · Ctrl+Enter: simpan · Ctrl+K: kembalikan · Ctrl+Shift+K: kembalikan entri kedua saja · Esc: antrean</source>
        <translation>Enter: check the value · ↑/↓: previous/next difference · F: the paper is ambiguous · Ctrl+Enter: save · Ctrl+K: send back · Ctrl+Shift+K: send back the second entry only · Esc: queue</translation>
    </message>
    <message>
        <source>Masih ada {0} perbedaan yang belum diputuskan.</source>
        <translation>Differences still undecided: {0}.</translation>
    </message>
    <message>
        <source>Alasan wajib diisi (Alt+1…Alt+4 untuk alasan cepat).</source>
        <translation>A reason is required (Alt+1…Alt+4 for quick reasons).</translation>
    </message>
    <message>
        <source>Tulis catatan untuk menerima formulir sebagai janggal.</source>
        <translation>Write a note to accept the form as inconsistent.</translation>
    </message>
    <message>
        <source>Ditolak: {0}</source>
        <translation>Refused: {0}</translation>
    </message>
    <message>
        <source>{0}: diterima sebagai janggal dengan catatan.</source>
        <translation>{0}: accepted as inconsistent, with a note.</translation>
    </message>
    <message>
        <source>{0}: perbedaan diselesaikan, formulir final.</source>
        <translation>{0}: differences resolved, form final.</translation>
    </message>
    <message>
        <source>Tulis alasan pengembalian di kolom Alasan.</source>
        <translation>Write the reason for sending it back in the Reason field.</translation>
    </message>
    <message>
        <source>{0}: entri kedua dikembalikan untuk diketik ulang.</source>
        <translation>{0}: second entry sent back to be retyped.</translation>
    </message>
    <message>
        <source>{0}: kedua entri dikembalikan untuk diketik ulang.</source>
        <translation>{0}: both entries sent back to be retyped.</translation>
    </message>
</context>
<context>
    <name>EntryScreen</name>
    <message>
        <source>Layar entri hanya untuk operator. Pengawas menyelesaikan perbedaan dan formulir janggal di layar Rekonsiliasi.</source>
        <translation>The Entry screen is for operators only. Supervisors resolve differences and inconsistent forms on the Reconciliation screen.</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>berikut</source>
        <translation>next</translation>
    </message>
    <message>
        <source>kembali</source>
        <translation>back</translation>
    </message>
    <message>
        <source>zoom</source>
        <translation>zoom</translation>
    </message>
    <message>
        <source>halaman</source>
        <translation>page</translation>
    </message>
    <message>
        <source>lebar</source>
        <translation>width</translation>
    </message>
    <message>
        <source>bagian</source>
        <translation>section</translation>
    </message>
    <message>
        <source>pemilihan</source>
        <translation>contest</translation>
    </message>
    <message>
        <source>putar</source>
        <translation>rotate</translation>
    </message>
    <message>
        <source>halaman lain</source>
        <translation>other page</translation>
    </message>
    <message>
        <source>masalah</source>
        <translation>problem</translation>
    </message>
    <message>
        <source>selesai</source>
        <translation>finish</translation>
    </message>
    <message>
        <source>terang</source>
        <translation>brightness</translation>
    </message>
    <message>
        <source>kontras</source>
        <translation>contrast</translation>
    </message>
    <message>
        <source>Workspace ini belum memiliki pemilihan.</source>
        <translation>This workspace has no contest yet.</translation>
    </message>
    <message>
        <source>Tidak ada formulir yang perlu dientri untuk {contest}.

Pilih pemilihan lain dengan Alt+K, atau tekan F5 untuk memeriksa lagi (antrean juga diperiksa sendiri secara berkala).</source>
        <translation>No form needs keying for {contest}.

Choose another contest with Alt+K, or press F5 to check again (the queue is also checked regularly on its own).</translation>
    </message>
    <message>
        <source>Memuat gambar…</source>
        <translation>Loading the image…</translation>
    </message>
    <message>
        <source>Tidak ada gambar formulir untuk TPS ini.
Tandai masalah dengan F9.</source>
        <translation>There is no form image for this TPS.
Flag the problem with F9.</translation>
    </message>
    <message>
        <source>{n} halaman gambar tidak dapat dibaca (berkas hilang atau rusak).</source>
        <translation>Unreadable image pages: {n} (file missing or damaged).</translation>
    </message>
    <message>
        <source>Gambar tidak dapat dimuat:
{error}</source>
        <translation>The image cannot be loaded:
{error}</translation>
    </message>
    <message>
        <source>Masih ada kotak kosong: {field}.</source>
        <translation>There is still an empty box: {field}.</translation>
    </message>
    <message>
        <source>Semua kotak terisi. Tekan Ctrl+Enter untuk menyimpan.</source>
        <translation>Every box is filled. Press Ctrl+Enter to save.</translation>
    </message>
    <message>
        <source>Formulir ini tidak lagi dipegang Anda ({reason}); memuat formulir lain.</source>
        <translation>You no longer hold this form ({reason}); loading another form.</translation>
    </message>
    <message>
        <source>Belum lengkap: {n} kotak kosong (pertama {field}). Isi semuanya, atau tandai masalah dengan F9.</source>
        <translation>Incomplete: {n} empty (first: {field}). Fill in every box, or flag a problem with F9.</translation>
    </message>
    <message>
        <source>{n} temuan merah. Cocokkan sekali lagi dengan gambar. Bila kertasnya memang begitu, tekan Ctrl+Enter lagi: formulir disimpan sesuai kertas.</source>
        <translation>Red findings: {n}. Compare with the image once more. If the paper really says so, press Ctrl+Enter again: the form is saved as on paper.</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Hubungan ke ruangan terputus; formulir berikutnya diambil begitu terhubung lagi.</source>
        <translation>The connection to the room is lost; the next form is taken as soon as it is back.</translation>
    </message>
    <message>
        <source>Belum tersimpan: hubungan ke ruangan terputus. Isian tetap di layar dan disimpan begitu ruangan terhubung lagi (dicoba setiap {s} detik).</source>
        <translation>Not saved: the connection to the room is lost. The numbers stay on screen and are saved as soon as the room answers again (tried every {s} seconds).</translation>
    </message>
    <message>
        <source>Terhubung lagi ke ruangan; draf tersimpan.</source>
        <translation>Connected to the room again; the draft is saved.</translation>
    </message>
    <message>
        <source>TPS {number:03d} {desa}</source>
        <translation>TPS {number:03d} {desa}</translation>
    </message>
    <message>
        <source>tersimpan sebagai entri audit. Terima kasih.</source>
        <translation>saved as an audit keying. Thank you.</translation>
    </message>
    <message>
        <source>tersimpan, entri pertama selesai.</source>
        <translation>saved, first entry done.</translation>
    </message>
    <message>
        <source>tersimpan; kedua entri sama: FINAL.</source>
        <translation>saved; both entries agree: FINAL.</translation>
    </message>
    <message>
        <source>tersimpan; berbeda dengan entri pertama, diteruskan ke pengawas.</source>
        <translation>saved; differs from the first entry, passed on to a supervisor.</translation>
    </message>
    <message>
        <source>tersimpan; kedua entri sama tetapi formulirnya tidak konsisten (janggal), diteruskan ke pengawas.</source>
        <translation>saved; both entries agree but the form is inconsistent (janggal), passed on to a supervisor.</translation>
    </message>
    <message>
        <source>tersimpan ({state}).</source>
        <translation>saved ({state}).</translation>
    </message>
    <message>
        <source>Kec. {kecamatan}  ›  {desa}  ›</source>
        <translation>Kec. {kecamatan}  ›  {desa}  ›</translation>
    </message>
    <message>
        <source>TPS {number:03d}</source>
        <translation>TPS {number:03d}</translation>
    </message>
    <message>
        <source>AUDIT</source>
        <translation>AUDIT</translation>
    </message>
    <message>
        <source>Entri audit buta: formulir ini dipilih acak untuk mengukur mutu data. Ketik apa yang tertulis di gambar.</source>
        <translation>Blind audit keying: this form was drawn at random to measure data quality. Key what the image shows.</translation>
    </message>
    <message>
        <source>⚑ Masalah: {names}</source>
        <translation>⚑ Problems: {names}</translation>
    </message>
    <message>
        <source>Tidak ada temuan.</source>
        <translation>No findings.</translation>
    </message>
    <message>
        <source>Antrean: {first} baru · {second} menunggu entri 2</source>
        <translation>Queue: {first} new · {second} awaiting entry 2</translation>
    </message>
    <message>
        <source>ENTRI {slot}</source>
        <translation>ENTRY {slot}</translation>
    </message>
    <message>
        <source>… dan {n} temuan lain</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>Selesai sesi ini: {n}</source>
        <translation>Done this session: {n}</translation>
    </message>
</context>
<context>
    <name>ExportScreen</name>
    <message>
        <source>Ekspor bundel untuk provinsi</source>
        <translation>Export a bundle for the province</translation>
    </message>
    <message>
        <source>Bundel berisi hasil per TPS, rekap, entri, audit dan laporan; ditandatangani dengan kunci kamar hitung ini dan dienkripsi sehingga hanya provinsi yang dapat membukanya. Bawa dengan flashdisk bersama laporan rekap kabupaten yang ditandatangani.</source>
        <translation>The bundle holds the results per TPS, the recap, the entries, the audit log and the reports; it is signed with this counting room&apos;s key and encrypted so that only the province can open it. Take it on a flash drive together with the signed kabupaten recap report.</translation>
    </message>
    <message>
        <source>Ekspor bundel</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <source>Folder tujuan</source>
        <translation>Target folder</translation>
    </message>
    <message>
        <source>mis. flashdisk; nama berkas dibuat otomatis</source>
        <translation>e.g. a flash drive; the file name is chosen automatically</translation>
    </message>
    <message>
        <source>Pilih…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Sertakan foto formulir (berkas jauh lebih besar)</source>
        <translation>Include the form photos (a much larger file)</translation>
    </message>
    <message>
        <source>Frasa sandi kunci</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <source>frasa sandi kunci kamar hitung</source>
        <translation>passphrase of the counting room&apos;s key</translation>
    </message>
    <message>
        <source>Ekspor bundel (Ctrl+E)</source>
        <translation>Export bundle (Ctrl+E)</translation>
    </message>
    <message>
        <source>Hasil ekspor</source>
        <translation>Export result</translation>
    </message>
    <message>
        <source>Riwayat ekspor</source>
        <translation>Export history</translation>
    </message>
    <message>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Urutan</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <source>Ukuran</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Folder tujuan bundel</source>
        <translation>Target folder for the bundle</translation>
    </message>
    <message>
        <source>Workspace ini belum punya kunci: buat kunci dan permintaan sertifikat dulu (panel kiri).</source>
        <translation>This workspace has no key yet: create a key and a certificate request first (left panel).</translation>
    </message>
    <message>
        <source>Sertifikat belum dipasang: pasang sertifikat dari provinsi dulu (panel kiri).</source>
        <translation>No certificate installed: install the certificate from the province first (left panel).</translation>
    </message>
    <message>
        <source>Sertifikat kamar hitung ini dicabut oleh provinsi: minta sertifikat baru.</source>
        <translation>The province has revoked this counting room&apos;s certificate: ask for a new one.</translation>
    </message>
    <message>
        <source>Ketik frasa sandi kunci kamar hitung.</source>
        <translation>Type the passphrase of the counting room&apos;s key.</translation>
    </message>
    <message>
        <source>Folder {path} tidak ada.</source>
        <translation>Folder {path} does not exist.</translation>
    </message>
    <message>
        <source>Mengekspor bundel…</source>
        <translation>Exporting the bundle…</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Mengekspor bundel ke {path}…</source>
        <translation>Exporting the bundle to {path}…</translation>
    </message>
    <message>
        <source>Bundel {name} ditulis (urutan {seq}).</source>
        <translation>Bundle {name} written (sequence {seq}).</translation>
    </message>
    <message>
        <source>Bundel {name} ditulis (urutan {seq}), tetapi {n} foto tidak ada di penyimpanan dan tidak ikut.</source>
        <translation>Bundle {name} written (sequence {seq}), but {n} photos are missing from storage and were left out.</translation>
    </message>
    <message>
        <source>Ekspor dibatalkan; berkas sebagian sudah dihapus.</source>
        <translation>Export cancelled; the partial file was deleted.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#52606d&apos;&gt;Belum ada ekspor pada sesi ini.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#52606d&apos;&gt;No export in this session yet.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>Folder: {folder}</translation>
    </message>
    <message>
        <source>Ukuran: {size} ({bytes} bita) · {files} berkas di dalamnya · {images} foto</source>
        <translation>Size: {size} ({bytes} bytes) · {files} files inside · {images} photos</translation>
    </message>
    <message>
        <source>&lt;b&gt;Urutan: {seq}&lt;/b&gt; · ID bundel: &lt;tt&gt;{id}&lt;/tt&gt;</source>
        <translation>&lt;b&gt;Sequence: {seq}&lt;/b&gt; · Bundle ID: &lt;tt&gt;{id}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>SHA-256 berkas: &lt;tt&gt;{sha}&lt;/tt&gt;</source>
        <translation>File SHA-256: &lt;tt&gt;{sha}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt;: {final} dari {total} TPS final</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;: {final} of {total} TPS final</translation>
    </message>
    <message>
        <source>Sidik data laporan rekap kabupaten (tercetak di kertas):</source>
        <translation>Data fingerprint of the kabupaten recap report (printed on the paper):</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#8a5a00&apos;&gt;data berubah sejak ekspor; cetak laporan dan ekspor lagi bersama-sama&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#8a5a00&apos;&gt;the data changed after the export; print the report and export again, together&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Sidik rekap di manifest bundel:</source>
        <translation>Recap fingerprint in the bundle manifest:</translation>
    </message>
    <message>
        <source>berhasil</source>
        <translation>succeeded</translation>
    </message>
    <message>
        <source>gagal: {reason}</source>
        <translation>failed: {reason}</translation>
    </message>
</context>
<context>
    <name>FormGrid</name>
    <message>
        <source>L</source>
        <translation>M</translation>
    </message>
    <message>
        <source>P</source>
        <translation>F</translation>
    </message>
    <message>
        <source>SUARA</source>
        <translation>VOTES</translation>
    </message>
    <message>
        <source>JUMLAH</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Lompat ke bagian ini</source>
        <translation>Jump to this section</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Hal. {n}/{total}</source>
        <translation>Page {n}/{total}</translation>
    </message>
    <message>
        <source>Terang {v:+d}</source>
        <translation>Brightness {v:+d}</translation>
    </message>
    <message>
        <source>Kontras {v:+d}</source>
        <translation>Contrast {v:+d}</translation>
    </message>
</context>
<context>
    <name>ImagesScreen</name>
    <message>
        <source>berkas atau folder tidak ada</source>
        <translation>no such file or folder</translation>
    </message>
    <message>
        <source>berkas tidak dapat dibaca</source>
        <translation>file cannot be read</translation>
    </message>
    <message>
        <source>berkas kosong</source>
        <translation>empty file</translation>
    </message>
    <message>
        <source>berkas terlalu besar</source>
        <translation>file too large</translation>
    </message>
    <message>
        <source>bukan berkas gambar atau PDF</source>
        <translation>not an image or PDF file</translation>
    </message>
    <message>
        <source>format gambar tidak didukung</source>
        <translation>image format not supported</translation>
    </message>
    <message>
        <source>gambar rusak</source>
        <translation>damaged image</translation>
    </message>
    <message>
        <source>gambar terpotong (tidak lengkap)</source>
        <translation>truncated image (incomplete)</translation>
    </message>
    <message>
        <source>ukuran gambar tidak wajar (terlalu banyak piksel)</source>
        <translation>implausible image size (too many pixels)</translation>
    </message>
    <message>
        <source>PDF terkunci dengan sandi</source>
        <translation>password-protected PDF</translation>
    </message>
    <message>
        <source>PDF rusak</source>
        <translation>damaged PDF</translation>
    </message>
    <message>
        <source>terlalu banyak halaman</source>
        <translation>too many pages</translation>
    </message>
    <message>
        <source>gagal menyimpan ke workspace</source>
        <translation>could not store it in the workspace</translation>
    </message>
    <message>
        <source>Gambar formulir</source>
        <translation>Form images</translation>
    </message>
    <message>
        <source>Impor &amp;gambar…</source>
        <translation>&amp;Import images…</translation>
    </message>
    <message>
        <source>Impor berkas JPEG, PNG, TIFF atau PDF</source>
        <translation>Import JPEG, PNG, TIFF or PDF files</translation>
    </message>
    <message>
        <source>Impor &amp;folder…</source>
        <translation>Import f&amp;older…</translation>
    </message>
    <message>
        <source>Impor semua gambar di dalam satu folder</source>
        <translation>Import every image in a folder</translation>
    </message>
    <message>
        <source>&amp;Pemilihan:</source>
        <translation>&amp;Contest:</translation>
    </message>
    <message>
        <source>Gambar belum cocok dengan TPS</source>
        <translation>Images not matched to a TPS</translation>
    </message>
    <message>
        <source>Nama berkas</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>Diimpor pada</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Tidak ada gambar yang menunggu.</source>
        <translation>No images waiting.</translation>
    </message>
    <message>
        <source>&amp;TPS:</source>
        <translation>&amp;TPS:</translation>
    </message>
    <message>
        <source>Pe&amp;milihan:</source>
        <translation>Co&amp;ntest:</translation>
    </message>
    <message>
        <source>Tetapkan ke TPS</source>
        <translation>Assign to TPS</translation>
    </message>
    <message>
        <source>Tempatkan gambar terpilih pada TPS ini (Enter)</source>
        <translation>Put the selected image on this TPS (Enter)</translation>
    </message>
    <message>
        <source>Klaim aktif</source>
        <translation>Active claims</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation>Desa/kelurahan</translation>
    </message>
    <message>
        <source>Sejak</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>&amp;Lepaskan</source>
        <translation>&amp;Release</translation>
    </message>
    <message>
        <source>Bebaskan formulir ini agar operator lain bisa mengentri (Enter)</source>
        <translation>Free this form so another operator can key it (Enter)</translation>
    </message>
    <message>
        <source>semua pemilihan</source>
        <translation>all contests</translation>
    </message>
    <message>
        <source>Impor gambar formulir</source>
        <translation>Import form images</translation>
    </message>
    <message>
        <source>Gambar dan PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;Semua berkas (*)</source>
        <translation>Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>Impor folder gambar</source>
        <translation>Import a folder of images</translation>
    </message>
    <message>
        <source>Impor gambar</source>
        <translation>Import images</translation>
    </message>
    <message>
        <source>Memeriksa dan menyimpan gambar…</source>
        <translation>Checking and storing images…</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Mengimpor gambar…</source>
        <translation>Importing images…</translation>
    </message>
    <message>
        <source>Gambar {done} dari {total}…</source>
        <translation>Image {done} of {total}…</translation>
    </message>
    <message>
        <source>Impor gagal: {error}</source>
        <translation>Import failed: {error}</translation>
    </message>
    <message>
        <source>Gambar dicocokkan dengan TPS lewat ID TPS pada nama berkas atau foldernya.</source>
        <translation>Images are matched to a TPS by the TPS id in the file or folder name.</translation>
    </message>
    <message>
        <source>{files} berkas diperiksa: {imported} diimpor, {duplicates} duplikat, {unmatched} belum cocok, {refused} ditolak.</source>
        <translation>{files} files checked: {imported} imported, {duplicates} duplicates, {unmatched} not matched, {refused} refused.</translation>
    </message>
    <message>
        <source>Impor dibatalkan; berkas yang sudah diimpor tetap tersimpan.</source>
        <translation>Import cancelled; the files already imported stay stored.</translation>
    </message>
    <message>
        <source>{file}: {reason}</source>
        <translation>{file}: {reason}</translation>
    </message>
    <message>
        <source>Memuat pratinjau…</source>
        <translation>Loading preview…</translation>
    </message>
    <message>
        <source>Pilih gambar untuk melihat pratinjau.</source>
        <translation>Select an image to see a preview.</translation>
    </message>
    <message>
        <source>Berkas gambar hilang dari workspace.</source>
        <translation>The image file is missing from the workspace.</translation>
    </message>
    <message>
        <source>Pratinjau tidak tersedia.</source>
        <translation>No preview available.</translation>
    </message>
    <message>
        <source>Pilih dulu gambar yang akan ditetapkan.</source>
        <translation>First select the image to assign.</translation>
    </message>
    <message>
        <source>ID TPS harus 13 angka (titik boleh).</source>
        <translation>A TPS id has 13 digits (dots allowed).</translation>
    </message>
    <message>
        <source>Anda tidak berhak menetapkan gambar ini.</source>
        <translation>You may not assign this image.</translation>
    </message>
    <message>
        <source>TPS {tps} sudah memiliki gambar yang sama.</source>
        <translation>TPS {tps} already has this image.</translation>
    </message>
    <message>
        <source>{file} ditetapkan ke TPS {tps}</source>
        <translation>{file} assigned to TPS {tps}</translation>
    </message>
    <message>
        <source>Melepaskan TPS {tps}…</source>
        <translation>Releasing TPS {tps}…</translation>
    </message>
    <message>
        <source>TPS {tps} dilepaskan; drafnya tetap tersimpan.</source>
        <translation>TPS {tps} released; its draft is kept.</translation>
    </message>
</context>
<context>
    <name>JanggalPanel</name>
    <message>
        <source>Tertulis demikian pada formulir; kekeliruan hitung KPPS</source>
        <translation>Written so on the form; a KPPS counting error</translation>
    </message>
    <message>
        <source>Sesuai formulir; dicatat dalam Kejadian Khusus</source>
        <translation>As on the form; recorded in a Kejadian Khusus</translation>
    </message>
    <message>
        <source>Perbaikan pada formulir tidak dijumlahkan ulang oleh KPPS</source>
        <translation>Corrections on the form not re-totalled by the KPPS</translation>
    </message>
    <message>
        <source>Kedua entri sama, tetapi angka pada kertas tidak konsisten. Periksa gambar: terima seperti tertulis dengan catatan, atau kembalikan bila salah ketik.</source>
        <translation>Both entries agree, but the numbers on the paper are inconsistent. Check the image: accept it as written, with a note, or send it back if it was mistyped.</translation>
    </message>
    <message>
        <source>Pemeriksaan yang gagal (↑/↓ untuk melihat)</source>
        <translation>Failed checks (↑/↓ to view)</translation>
    </message>
    <message>
        <source>Nilai seperti diketik kedua operator</source>
        <translation>Values as typed by both operators</translation>
    </message>
    <message>
        <source>Baris</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>&amp;Catatan (wajib):</source>
        <translation>&amp;Note (required):</translation>
    </message>
    <message>
        <source>Mengapa formulir diterima seperti tertulis</source>
        <translation>Why the form is accepted as written</translation>
    </message>
    <message>
        <source>Nomor &amp;Kejadian Khusus:</source>
        <translation>&amp;Kejadian Khusus number:</translation>
    </message>
    <message>
        <source>mis. KK-012 (kosongkan bila tidak ada)</source>
        <translation>e.g. KK-012 (leave empty if none)</translation>
    </message>
    <message>
        <source>↑/↓: pemeriksaan sebelumnya/berikutnya · Tab: nomor Kejadian Khusus · Ctrl+Enter: terima sebagai janggal · Ctrl+K: kembalikan untuk entri ulang · Esc: antrean</source>
        <translation>↑/↓: previous/next check · Tab: Kejadian Khusus number · Ctrl+Enter: accept as inconsistent · Ctrl+K: send back for re-entry · Esc: queue</translation>
    </message>
    <message>
        <source>Catatan wajib diisi untuk menerima formulir janggal.</source>
        <translation>A note is required to accept an inconsistent form.</translation>
    </message>
    <message>
        <source>Ditolak: {0}</source>
        <translation>Refused: {0}</translation>
    </message>
    <message>
        <source>{0}: diterima sebagai janggal, formulir final.</source>
        <translation>{0}: accepted as inconsistent, form final.</translation>
    </message>
    <message>
        <source>Kedua entri formulir janggal sama; kembalikan keduanya dengan Ctrl+K.</source>
        <translation>Both entries of an inconsistent form agree; send both back with Ctrl+K.</translation>
    </message>
    <message>
        <source>Tulis alasan pengembalian di kolom Catatan.</source>
        <translation>Write the reason for sending it back in the Note field.</translation>
    </message>
    <message>
        <source>{0}: kedua entri dikembalikan untuk diketik ulang.</source>
        <translation>{0}: both entries sent back to be retyped.</translation>
    </message>
</context>
<context>
    <name>JoinDialog</name>
    <message>
        <source>Gabung ke ruangan</source>
        <translation>Join a room</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Kode gabung:</source>
        <translation>Join &amp;code:</translation>
    </message>
    <message>
        <source>&amp;Folder stasiun:</source>
        <translation>Station &amp;folder:</translation>
    </message>
    <message>
        <source>&amp;Gabung</source>
        <translation>&amp;Join</translation>
    </message>
    <message>
        <source>&amp;Batal</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Isi host, kode gabung dan folder stasiun.</source>
        <translation>Fill in the host, the join code and the station folder.</translation>
    </message>
    <message>
        <source>Menghubungi ruangan {host}:{port}…</source>
        <translation>Contacting the room at {host}:{port}…</translation>
    </message>
</context>
<context>
    <name>KeysPanel</name>
    <message>
        <source>Kunci dan sertifikat kamar hitung</source>
        <translation>Counting room key and certificate</translation>
    </message>
    <message>
        <source>Kunci baru</source>
        <translation>New key</translation>
    </message>
    <message>
        <source>Membuat kunci penanda tangan (dienkripsi dengan frasa sandi) dan permintaan sertifikat. Bawa berkas permintaan (.csr) ke provinsi; frasa sandi tidak disimpan di mana pun.</source>
        <translation>Creates a signing key (encrypted with a passphrase) and a certificate request. Take the request file (.csr) to the province; the passphrase is not stored anywhere.</translation>
    </message>
    <message>
        <source>Frasa sandi</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Ulangi frasa sandi</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <source>minimal {n} karakter</source>
        <translation>at least {n} characters</translation>
    </message>
    <message>
        <source>Ganti kunci yang ada (sertifikat lama tidak berlaku lagi)</source>
        <translation>Replace the existing key (the old certificate stops being valid)</translation>
    </message>
    <message>
        <source>Buat kunci &amp;&amp; permintaan sertifikat…</source>
        <translation>Create key &amp;&amp; certificate request…</translation>
    </message>
    <message>
        <source>Pasang sertifikat dari provinsi</source>
        <translation>Install the certificate from the province</translation>
    </message>
    <message>
        <source>Pilih berkas yang dibawa kembali dari provinsi. Semuanya diperiksa sebelum dipasang.</source>
        <translation>Choose the files brought back from the province. All of them are checked before they are installed.</translation>
    </message>
    <message>
        <source>Sertifikat (cert.pem)</source>
        <translation>Certificate (cert.pem)</translation>
    </message>
    <message>
        <source>Sertifikat CA (ca.pem)</source>
        <translation>CA certificate (ca.pem)</translation>
    </message>
    <message>
        <source>Daftar pencabutan (crl.pem)</source>
        <translation>Revocation list (crl.pem)</translation>
    </message>
    <message>
        <source>Penerima (recipient.txt)</source>
        <translation>Recipient (recipient.txt)</translation>
    </message>
    <message>
        <source>Pilih…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Pasang sertifikat</source>
        <translation>Install certificate</translation>
    </message>
    <message>
        <source>ada</source>
        <translation>present</translation>
    </message>
    <message>
        <source>belum ada</source>
        <translation>none yet</translation>
    </message>
    <message>
        <source>&lt;b&gt;Kunci penanda tangan:&lt;/b&gt; {state}</source>
        <translation>&lt;b&gt;Signing key:&lt;/b&gt; {state}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Permintaan sertifikat:&lt;/b&gt; {state}</source>
        <translation>&lt;b&gt;Certificate request:&lt;/b&gt; {state}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sertifikat:&lt;/b&gt; &lt;span style=&apos;color:#8c1d18&apos;&gt;belum dipasang&lt;/span&gt;</source>
        <translation>&lt;b&gt;Certificate:&lt;/b&gt; &lt;span style=&apos;color:#8c1d18&apos;&gt;not installed&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#8c1d18&apos;&gt;DICABUT&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#8c1d18&apos;&gt;REVOKED&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#8c1d18&apos;&gt;KEDALUWARSA&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#8c1d18&apos;&gt;EXPIRED&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#2e7d32&apos;&gt;terpasang&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#2e7d32&apos;&gt;installed&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sertifikat:&lt;/b&gt; {state}</source>
        <translation>&lt;b&gt;Certificate:&lt;/b&gt; {state}</translation>
    </message>
    <message>
        <source>Subjek: {subject}</source>
        <translation>Subject: {subject}</translation>
    </message>
    <message>
        <source>Kabupaten (OU): {ou}</source>
        <translation>Kabupaten (OU): {ou}</translation>
    </message>
    <message>
        <source>Berlaku: {start} s.d. {end}</source>
        <translation>Valid: {start} to {end}</translation>
    </message>
    <message>
        <source>Penerbit: {ca}</source>
        <translation>Issuer: {ca}</translation>
    </message>
    <message>
        <source>Nomor seri: &lt;tt&gt;{serial}&lt;/tt&gt;</source>
        <translation>Serial number: &lt;tt&gt;{serial}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Daftar pencabutan (CRL): belum dipasang</source>
        <translation>Revocation list (CRL): not installed</translation>
    </message>
    <message>
        <source>Daftar pencabutan (CRL): terbit {issued}, berlaku s.d. {until}{stale}</source>
        <translation>Revocation list (CRL): issued {issued}, valid until {until}{stale}</translation>
    </message>
    <message>
        <source> — &lt;b style=&apos;color:#8c1d18&apos;&gt;KEDALUWARSA&lt;/b&gt;</source>
        <translation> — &lt;b style=&apos;color:#8c1d18&apos;&gt;EXPIRED&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Penerima bundel (provinsi): {recipients}</source>
        <translation>Bundle recipients (province): {recipients}</translation>
    </message>
    <message>
        <source>Simpan permintaan sertifikat untuk provinsi</source>
        <translation>Save the certificate request for the province</translation>
    </message>
    <message>
        <source>Permintaan sertifikat (*.csr);;Semua berkas (*)</source>
        <translation>Certificate requests (*.csr);;All files (*)</translation>
    </message>
    <message>
        <source>Workspace ini sudah punya kunci. Centang “Ganti kunci yang ada” untuk membuat yang baru (sertifikatnya harus diterbitkan ulang).</source>
        <translation>This workspace already has a key. Tick “Replace the existing key” to create a new one (its certificate must then be issued again).</translation>
    </message>
    <message>
        <source>Membuat kunci…</source>
        <translation>Creating the key…</translation>
    </message>
    <message>
        <source>Kunci dibuat. Bawa permintaan sertifikat {path} ke provinsi. Sidik kunci publik: {fp}</source>
        <translation>Key created. Take the certificate request {path} to the province. Public key fingerprint: {fp}</translation>
    </message>
    <message>
        <source>Sertifikat (*.pem *.crt);;Semua berkas (*)</source>
        <translation>Certificates (*.pem *.crt);;All files (*)</translation>
    </message>
    <message>
        <source>Daftar pencabutan (*.pem *.crl);;Semua berkas (*)</source>
        <translation>Revocation lists (*.pem *.crl);;All files (*)</translation>
    </message>
    <message>
        <source>Penerima (*.txt);;Semua berkas (*)</source>
        <translation>Recipients (*.txt);;All files (*)</translation>
    </message>
    <message>
        <source>Pilih berkas</source>
        <translation>Choose a file</translation>
    </message>
    <message>
        <source>Pilih keempat berkas dari provinsi dulu.</source>
        <translation>Choose all four files from the province first.</translation>
    </message>
    <message>
        <source>Memeriksa sertifikat…</source>
        <translation>Checking the certificate…</translation>
    </message>
    <message>
        <source>Sertifikat {subject} terpasang, berlaku s.d. {until}.</source>
        <translation>Certificate {subject} installed, valid until {until}.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Layar terkunci — kamarhitung</source>
        <translation>Screen locked — kamarhitung</translation>
    </message>
    <message>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Layar ini dikunci. Masukkan kata sandi {user} untuk melanjutkan, atau keluar dari aplikasi.</source>
        <translation>This screen is locked. Enter the password of {user} to continue, or quit the application.</translation>
    </message>
    <message>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Keluar aplikasi</source>
        <translation>Quit the application</translation>
    </message>
    <message>
        <source>Masuk — kamarhitung</source>
        <translation>Log in — kamarhitung</translation>
    </message>
    <message>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Nama pengguna</source>
        <translation>User &amp;name</translation>
    </message>
    <message>
        <source>&amp;Kata sandi</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Akun demo</source>
        <translation>Demo accounts</translation>
    </message>
    <message>
        <source>Isi nama dan kata sandi dari demo-credentials.json</source>
        <translation>Fill in a name and password from demo-credentials.json</translation>
    </message>
    <message>
        <source>Isi nama pengguna.</source>
        <translation>Enter the user name.</translation>
    </message>
    <message>
        <source>Isi kata sandi.</source>
        <translation>Enter the password.</translation>
    </message>
    <message>
        <source>Masuk ditolak: {detail}</source>
        <translation>Log-in refused: {detail}</translation>
    </message>
    <message>
        <source>Nama pengguna atau kata sandi salah, atau akun terkunci atau dinonaktifkan (admin dapat memeriksanya).</source>
        <translation>Wrong user name or password, or the account is locked or disabled (an admin can check).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>kamarhitung — {place}</source>
        <translation>kamarhitung — {place}</translation>
    </message>
    <message>
        <source>&amp;Berkas</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Layar</source>
        <translation>&amp;Screens</translation>
    </message>
    <message>
        <source>&amp;Pengaturan</source>
        <translation>S&amp;ettings</translation>
    </message>
    <message>
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Kunci layar otomatis</source>
        <translation>Lock screen &amp;automatically</translation>
    </message>
    <message>
        <source>Ba&amp;ntuan</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Buka workspace…</source>
        <translation>&amp;Open workspace…</translation>
    </message>
    <message>
        <source>&amp;Kunci layar</source>
        <translation>&amp;Lock screen</translation>
    </message>
    <message>
        <source>&amp;Ganti pengguna…</source>
        <translation>&amp;Switch user…</translation>
    </message>
    <message>
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Cadangan…</source>
        <translation>&amp;Backups…</translation>
    </message>
    <message>
        <source>&amp;Ruangan…</source>
        <translation>&amp;Room…</translation>
    </message>
    <message>
        <source>&amp;Tentang kamarhitung</source>
        <translation>&amp;About kamarhitung</translation>
    </message>
    <message>
        <source>Setelah {n} menit</source>
        <translation>After {n} minutes</translation>
    </message>
    <message>
        <source>Tidak pernah</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>{title} ({shortcut})</source>
        <translation>{title} ({shortcut})</translation>
    </message>
    <message>
        <source>LAYAR</source>
        <translation>SCREENS</translation>
    </message>
    <message>
        <source>Pengguna: {user} ({role})</source>
        <translation>User: {user} ({role})</translation>
    </message>
    <message>
        <source>Layar terkunci</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Masukkan kata sandi {user} untuk melanjutkan.</source>
        <translation>Enter the password of {user} to continue.</translation>
    </message>
    <message>
        <source>Terjemahan {language} tidak ditemukan; jalankan &apos;python tools/i18n.py build&apos;.</source>
        <translation>The {language} translation was not found; run &apos;python tools/i18n.py build&apos;.</translation>
    </message>
    <message>
        <source>Layar dibuka kembali.</source>
        <translation>Screen unlocked.</translation>
    </message>
    <message>
        <source>Tentang kamarhitung</source>
        <translation>About kamarhitung</translation>
    </message>
    <message>
        <source>&lt;h3&gt;kamarhitung {version}&lt;/h3&gt;&lt;p&gt;Entri ganda formulir hasil penghitungan suara di TPS, rekonsiliasi, rekapitulasi dan laporan untuk ruang rekap kabupaten/kota. Bekerja tanpa internet.&lt;/p&gt;&lt;p&gt;Workspace: {path}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;kamarhitung {version}&lt;/h3&gt;&lt;p&gt;Double-entry keying of polling-station result forms, reconciliation, recap and reports for a kabupaten/kota counting room. Works without the internet.&lt;/p&gt;&lt;p&gt;Workspace: {path}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Terhubung lagi ke ruangan.</source>
        <translation>Connected to the room again.</translation>
    </message>
    <message>
        <source>Hubungan ke ruangan terputus; mencoba lagi.</source>
        <translation>The connection to the room is lost; retrying.</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceDialog</name>
    <message>
        <source>Workspace baru — kamarhitung</source>
        <translation>New workspace — kamarhitung</translation>
    </message>
    <message>
        <source>Workspace baru dari buku induk</source>
        <translation>New workspace from a master workbook</translation>
    </message>
    <message>
        <source>Buku induk adalah buku kerja Excel dengan sheet TPS dan PASLON (buat contohnya dengan &apos;kamarhitung master-template&apos;). Semua TPS, wilayah dan paslon dibaca darinya; admin pertama dibuat dengan nama dan kata sandi di bawah.</source>
        <translation>The master is an Excel workbook with the sheets TPS and PASLON (make an example with &apos;kamarhitung master-template&apos;). Every TPS, region and candidate pair is read from it; the first admin is created with the name and password below.</translation>
    </message>
    <message>
        <source>&amp;Buku induk (xlsx)</source>
        <translation>&amp;Master workbook (xlsx)</translation>
    </message>
    <message>
        <source>&amp;Folder workspace</source>
        <translation>Workspace &amp;folder</translation>
    </message>
    <message>
        <source>Nama &amp;pemilihan</source>
        <translation>&amp;Election name</translation>
    </message>
    <message>
        <source>Nama &amp;admin</source>
        <translation>&amp;Admin name</translation>
    </message>
    <message>
        <source>&amp;Kata sandi admin</source>
        <translation>Admin &amp;password</translation>
    </message>
    <message>
        <source>&amp;Ulangi kata sandi</source>
        <translation>&amp;Repeat the password</translation>
    </message>
    <message>
        <source>Pilih…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>mis. Pilkada Serentak 2024</source>
        <translation>e.g. Pilkada Serentak 2024</translation>
    </message>
    <message>
        <source>minimal {n} karakter, dengan huruf dan angka</source>
        <translation>at least {n} characters, with letters and digits</translation>
    </message>
    <message>
        <source>Buat workspace</source>
        <translation>Create workspace</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Salin daftar masalah</source>
        <translation>Copy the list of problems</translation>
    </message>
    <message>
        <source>Pilih buku induk</source>
        <translation>Choose the master workbook</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx);;Semua berkas (*)</source>
        <translation>Excel workbooks (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Pilih folder untuk workspace baru</source>
        <translation>Choose a folder for the new workspace</translation>
    </message>
    <message>
        <source>Pilih berkas buku induk.</source>
        <translation>Choose the master workbook.</translation>
    </message>
    <message>
        <source>Berkas {path} tidak ada.</source>
        <translation>File {path} does not exist.</translation>
    </message>
    <message>
        <source>Pilih folder untuk workspace.</source>
        <translation>Choose a folder for the workspace.</translation>
    </message>
    <message>
        <source>Folder {path} sudah berisi workspace.</source>
        <translation>Folder {path} already holds a workspace.</translation>
    </message>
    <message>
        <source>Nama admin hanya boleh berisi huruf, angka, titik, tanda hubung dan garis bawah.</source>
        <translation>The admin name may contain only letters, digits, dots, hyphens and underscores.</translation>
    </message>
    <message>
        <source>Kata sandi minimal {n} karakter.</source>
        <translation>The password needs at least {n} characters.</translation>
    </message>
    <message>
        <source>Kata sandi tidak boleh sama dengan nama pengguna.</source>
        <translation>The password must not be the user name.</translation>
    </message>
    <message>
        <source>Kata sandi harus memuat huruf dan angka.</source>
        <translation>The password must contain a letter and a digit.</translation>
    </message>
    <message>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <source>Membuat workspace baru</source>
        <translation>Creating a new workspace</translation>
    </message>
    <message>
        <source>Workspace tidak dapat dibuat: {detail}</source>
        <translation>The workspace cannot be created: {detail}</translation>
    </message>
    <message>
        <source>Buku induk tidak dapat dipakai: {n} masalah. Perbaiki berkasnya, lalu tekan &apos;Buat workspace&apos; lagi. Workspace belum dibuat.</source>
        <translation>The master workbook cannot be used: {n} problems. Fix the file, then press &apos;Create workspace&apos; again. No workspace was created.</translation>
    </message>
</context>
<context>
    <name>OperatorStatsWidget</name>
    <message>
        <source>Untuk pengawas saja, bukan perlombaan. Selisih dihitung dari perbedaan yang diselesaikan pengawas dan diatribusikan kepada operator; gunakan angka ini untuk mengarahkan formulir sulit ke operator yang teliti.</source>
        <translation>For supervisors only, not a competition. Discrepancies are counted from the differences resolved by supervisors and attributed to operators; use these figures to route difficult forms to careful operators.</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Formulir</source>
        <translation>Forms</translation>
    </message>
    <message>
        <source>Formulir/jam</source>
        <translation>Forms/hour</translation>
    </message>
    <message>
        <source>Ketukan/jam</source>
        <translation>Keystrokes/hour</translation>
    </message>
    <message>
        <source>Selisih diatribusikan</source>
        <translation>Discrepancies attributed</translation>
    </message>
    <message>
        <source>Selisih per 10.000 isian</source>
        <translation>Discrepancies per 10,000 fields</translation>
    </message>
    <message>
        <source>Statistik operator hanya untuk pengawas.</source>
        <translation>Operator statistics are for supervisors only.</translation>
    </message>
    <message>
        <source>Statistik tidak dapat dibaca: {0}</source>
        <translation>The statistics cannot be read: {0}</translation>
    </message>
    <message>
        <source>Belum ada formulir yang selesai dikunci.</source>
        <translation>No form has been keyed completely yet.</translation>
    </message>
</context>
<context>
    <name>ProblemChooser</name>
    <message>
        <source>Tandai masalah formulir ini</source>
        <translation>Flag problems with this form</translation>
    </message>
    <message>
        <source>Tekan 1–5 untuk menandai atau membatalkan; Esc atau Enter untuk kembali.</source>
        <translation>Press 1–5 to flag or unflag; Esc or Enter to go back.</translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <source>Progres formulir final</source>
        <translation>Final forms over time</translation>
    </message>
    <message>
        <source>Jam</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>per jam</source>
        <translation>per hour</translation>
    </message>
    <message>
        <source>jumlah</source>
        <translation>total</translation>
    </message>
    <message>
        <source>perkiraan</source>
        <translation>forecast</translation>
    </message>
    <message>
        <source>Tidak ada TPS di wilayah ini.</source>
        <translation>There is no TPS in this region.</translation>
    </message>
    <message>
        <source>Semua {total} formulir sudah final.</source>
        <translation>All {total} forms are final.</translation>
    </message>
    <message>
        <source>Perkiraan selesai: belum dapat dihitung (tidak ada formulir final dalam {hours} jam terakhir).</source>
        <translation>Expected completion: cannot be estimated (no form became final in the last {hours} hours).</translation>
    </message>
    <message>
        <source>besok {time}</source>
        <translation>tomorrow {time}</translation>
    </message>
    <message>
        <source>{date} {time}</source>
        <translation>{date} {time}</translation>
    </message>
    <message>
        <source>Perkiraan selesai: {at} · laju {rate} formulir/jam ({hours} jam terakhir) · sisa {left}</source>
        <translation>Expected completion: {at} · rate {rate} forms/hour (last {hours} hours) · {left} left</translation>
    </message>
</context>
<context>
    <name>ProvinceScreen</name>
    <message>
        <source>Provinsi: bundel kabupaten dan rekap</source>
        <translation>Province: kabupaten bundles and recap</translation>
    </message>
    <message>
        <source>Workspace provinsi, mempercayai {ca}. Bundel diperiksa tanda tangan, daftar pencabutan dan sidiknya sebelum diimpor.</source>
        <translation>Province workspace, trusting {ca}. Each bundle&apos;s signature, revocation list and fingerprint are checked before it is imported.</translation>
    </message>
    <message>
        <source>Bundel &amp;&amp; rekap</source>
        <translation>Bundles &amp;&amp; recap</translation>
    </message>
    <message>
        <source>Sertifikat (CA)</source>
        <translation>Certificates (CA)</translation>
    </message>
    <message>
        <source>Impor bundel</source>
        <translation>Import bundles</translation>
    </message>
    <message>
        <source>Cocokkan dengan kertas (sidik data laporan)</source>
        <translation>Match against the paper (the report&apos;s data fingerprint)</translation>
    </message>
    <message>
        <source>Sebelum diimpor, ketik dua kelompok sidik data dari laporan rekap kabupaten yang ditandatangani: kertas dan berkas harus berasal dari data yang sama.</source>
        <translation>Before importing, type two groups of the data fingerprint from the signed kabupaten recap report: the paper and the file must come from the same data.</translation>
    </message>
    <message>
        <source>Frasa sandi identitas provinsi (identity.age)</source>
        <translation>Province identity passphrase (identity.age)</translation>
    </message>
    <message>
        <source>Impor bundel… (Ctrl+I)</source>
        <translation>Import bundles… (Ctrl+I)</translation>
    </message>
    <message>
        <source>Cocokkan dengan kertas</source>
        <translation>Match against the paper</translation>
    </message>
    <message>
        <source>Pemilihan pada kertas</source>
        <translation>Contest on the paper</translation>
    </message>
    <message>
        <source>Cocokkan dan impor</source>
        <translation>Match and import</translation>
    </message>
    <message>
        <source>Jangan impor bundel ini</source>
        <translation>Do not import this bundle</translation>
    </message>
    <message>
        <source>Bundel yang diimpor</source>
        <translation>Imported bundles</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Kabupaten/kota</translation>
    </message>
    <message>
        <source>Urutan</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>TPS final / jumlah</source>
        <translation>Final TPS / total</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Diimpor</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>Oleh</source>
        <translation>By</translation>
    </message>
    <message>
        <source>Rantai audit</source>
        <translation>Audit chain</translation>
    </message>
    <message>
        <source>Rekap provinsi per kabupaten/kota</source>
        <translation>Province recap per kabupaten/kota</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>Ekspor XLSX…</source>
        <translation>Export XLSX…</translation>
    </message>
    <message>
        <source>Ekspor CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Ekspor JSON…</source>
        <translation>Export JSON…</translation>
    </message>
    <message>
        <source>{contest}: galat {rate} per 10.000 isian (95% {lo}–{hi})</source>
        <translation>{contest}: {rate} errors per 10,000 fields (95% {lo}–{hi})</translation>
    </message>
    <message>
        <source>berlaku</source>
        <translation>current</translation>
    </message>
    <message>
        <source>digantikan</source>
        <translation>superseded</translation>
    </message>
    <message>
        <source>utuh</source>
        <translation>intact</translation>
    </message>
    <message>
        <source>RUSAK</source>
        <translation>BROKEN</translation>
    </message>
    <message>
        <source>Berkas {file}
SHA-256 {sha}
Penanda tangan {signer}</source>
        <translation>File {file}
SHA-256 {sha}
Signer {signer}</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#52606d&apos;&gt;Belum ada bundel yang diimpor.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#52606d&apos;&gt;No bundle imported yet.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>TPS final</source>
        <translation>Final TPS</translation>
    </message>
    <message>
        <source>Jumlah TPS</source>
        <translation>TPS total</translation>
    </message>
    <message>
        <source>Cakupan</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <source>Paslon {n}</source>
        <translation>Pair {n}</translation>
    </message>
    <message>
        <source>Suara sah</source>
        <translation>Valid votes</translation>
    </message>
    <message>
        <source>Tidak sah</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <source>Jumlah suara</source>
        <translation>Total votes</translation>
    </message>
    <message>
        <source>JUMLAH PROVINSI</source>
        <translation>PROVINCE TOTAL</translation>
    </message>
    <message>
        <source>{n} kabupaten/kota dengan bundel · {final} dari {tps} TPS final · sidik rekap provinsi &lt;tt&gt;{fp}&lt;/tt&gt;</source>
        <translation>{n} kabupaten/kota with bundles · {final} of {tps} TPS final · province recap fingerprint &lt;tt&gt;{fp}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Ekspor rekap provinsi</source>
        <translation>Export the province recap</translation>
    </message>
    <message>
        <source>Menulis {path}…</source>
        <translation>Writing {path}…</translation>
    </message>
    <message>
        <source>Rekap {contest} ditulis ke {path} (sidik {fp}…).</source>
        <translation>Recap {contest} written to {path} (fingerprint {fp}…).</translation>
    </message>
    <message>
        <source>Pilih bundel kabupaten</source>
        <translation>Choose kabupaten bundles</translation>
    </message>
    <message>
        <source>Bundel kamarhitung (*{ext});;Semua berkas (*)</source>
        <translation>kamarhitung bundles (*{ext});;All files (*)</translation>
    </message>
    <message>
        <source>Ketik frasa sandi identitas provinsi dulu.</source>
        <translation>Type the province identity passphrase first.</translation>
    </message>
    <message>
        <source>Membuka identitas provinsi…</source>
        <translation>Opening the province identity…</translation>
    </message>
    <message>
        <source>Berhenti</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Berhenti setelah berkas ini selesai (impor tidak pernah setengah jalan)…</source>
        <translation>Stopping after this file is done (an import never stops halfway)…</translation>
    </message>
    <message>
        <source>Berkas {i} dari {n}: {text}</source>
        <translation>File {i} of {n}: {text}</translation>
    </message>
    <message>
        <source>memeriksa {file}…</source>
        <translation>checking {file}…</translation>
    </message>
    <message>
        <source>mengimpor {file}…</source>
        <translation>importing {file}…</translation>
    </message>
    <message>
        <source>diimpor: KAB-{code} {name}, urutan {seq} ({cover})</source>
        <translation>imported: KAB-{code} {name}, sequence {seq} ({cover})</translation>
    </message>
    <message>
        <source>; menggantikan urutan {seq}</source>
        <translation>; replaces sequence {seq}</translation>
    </message>
    <message>
        <source>; PERHATIAN: rantai audit di dalamnya rusak</source>
        <translation>; WARNING: the audit chain inside is broken</translation>
    </message>
    <message>
        <source>; pencabutan sertifikat TIDAK diperiksa (tanpa CRL)</source>
        <translation>; certificate revocation NOT checked (no CRL)</translation>
    </message>
    <message>
        <source>; PERHATIAN: rekap yang diimpor tidak memberi sidik data kertas yang dicocokkan (isi rekap di bundel tidak konsisten): periksa bundel ini</source>
        <translation>; WARNING: the imported recap does not give the data fingerprint matched on paper (the recap in the bundle is inconsistent): check this bundle</translation>
    </message>
    <message>
        <source>Kelompok {n}</source>
        <translation>Group {n}</translation>
    </message>
    <message>
        <source>Bundel &lt;b&gt;KAB-{code} {name}&lt;/b&gt;, urutan {seq}, dibuat {created} (&lt;tt&gt;{file}&lt;/tt&gt;): tanda tangan dan isinya sah.&lt;br&gt;Ambil laporan rekapitulasi tingkat kabupaten/kota (D.HASIL) yang ditandatangani, lalu ketik &lt;b&gt;kelompok {a} dan {b}&lt;/b&gt; dari SIDIK DATA di kaki halamannya.</source>
        <translation>Bundle &lt;b&gt;KAB-{code} {name}&lt;/b&gt;, sequence {seq}, made {created} (&lt;tt&gt;{file}&lt;/tt&gt;): its signature and contents are valid.&lt;br&gt;Take the signed kabupaten/kota recap report (D.HASIL), then type &lt;b&gt;groups {a} and {b}&lt;/b&gt; of the SIDIK DATA (data fingerprint) in its page footer.</translation>
    </message>
    <message>
        <source>Setiap kelompok terdiri dari 4 karakter 0-9 dan a-f.</source>
        <translation>Each group is 4 characters from 0-9 and a-f.</translation>
    </message>
    <message>
        <source>DITOLAK: kelompok {a} dan {b} yang diketik tidak cocok dengan sidik data bundel ({contest}). Kertas dan berkas tidak berasal dari data yang sama; bundel tidak diimpor.</source>
        <translation>REFUSED: the typed groups {a} and {b} do not match the bundle&apos;s data fingerprint ({contest}). The paper and the file do not come from the same data; the bundle was not imported.</translation>
    </message>
    <message>
        <source>tidak diimpor (dilewati oleh operator)</source>
        <translation>not imported (skipped by the operator)</translation>
    </message>
    <message>
        <source>tidak diproses (impor dihentikan)</source>
        <translation>not processed (import stopped)</translation>
    </message>
    <message>
        <source>{n} bundel diimpor.</source>
        <translation>{n} bundles imported.</translation>
    </message>
    <message>
        <source>Mengimpor {n} berkas…</source>
        <translation>Importing {n} files…</translation>
    </message>
    <message>
        <source>{ok} dari {n} bundel diimpor.</source>
        <translation>{ok} of {n} bundles imported.</translation>
    </message>
</context>
<context>
    <name>QualityScreen</name>
    <message>
        <source>Mutu data: audit entri ulang buta</source>
        <translation>Data quality: blind re-key audit</translation>
    </message>
    <message>
        <source>Audit mutu data hanya untuk pengawas.</source>
        <translation>The data quality audit is for supervisors only.</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>Tarik sampel (di depan saksi)</source>
        <translation>Draw a sample (before the witnesses)</translation>
    </message>
    <message>
        <source>Benih (angka dibacakan)</source>
        <translation>Seed (numbers read aloud)</translation>
    </message>
    <message>
        <source>Jumlah formulir</source>
        <translation>Number of forms</translation>
    </message>
    <message>
        <source>atau batas per 10.000 isian</source>
        <translation>or a bound per 10,000 fields</translation>
    </message>
    <message>
        <source>Tarik sampel (Enter)</source>
        <translation>Draw the sample (Enter)</translation>
    </message>
    <message>
        <source>Perbedaan menunggu keputusan: ketik angka yang terbaca di gambar</source>
        <translation>Differences awaiting a decision: type the number read on the image</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Catatan janggal (bila perlu)</source>
        <translation>Janggal note (if needed)</translation>
    </message>
    <message>
        <source>Putuskan (Enter)</source>
        <translation>Decide (Enter)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Isian dikunci</source>
        <translation>Fields keyed</translation>
    </message>
    <message>
        <source>Galat</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Per 10.000 isian</source>
        <translation>Per 10,000 fields</translation>
    </message>
    <message>
        <source>Selang 95%</source>
        <translation>95% interval</translation>
    </message>
    <message>
        <source>Pasangkan operator bergalat tinggi dengan yang bergalat rendah untuk entri kedua</source>
        <translation>Pair operators with a high error rate with low-rate ones for second entries</translation>
    </message>
    <message>
        <source>TPS {tps}: {n} isian berbeda</source>
        <translation>TPS {tps}: {n} differing fields</translation>
    </message>
    <message>
        <source>{forms} formulir dan {fields} isian diaudit; {diffs} perbedaan, {undecided} belum diputuskan; {errors} galat terkonfirmasi. Galat sisa {rate} per 10.000 isian, selang 95% (Clopper–Pearson) {lo} sampai {hi}.</source>
        <translation>{forms} forms and {fields} fields audited; {diffs} differences, {undecided} undecided; {errors} confirmed errors. Residual error {rate} per 10,000 fields, 95% interval (Clopper–Pearson) {lo} to {hi}.</translation>
    </message>
    <message>
        <source>Batas {0} bukan angka.</source>
        <translation>Bound {0} is not a number.</translation>
    </message>
    <message>
        <source>Menarik sampel…</source>
        <translation>Drawing the sample…</translation>
    </message>
    <message>
        <source>{n} formulir ditarik dengan benih “{seed}” dan sidik rekap {fp}: {tps}. Cara mengulang: {how}</source>
        <translation>{n} forms drawn with seed “{seed}” and recap fingerprint {fp}: {tps}. To redraw: {how}</translation>
    </message>
    <message>
        <source>Sampel ditarik; formulirnya masuk antrean operator sebagai audit.</source>
        <translation>Sample drawn; its forms are in the operators&apos; queue as audit work.</translation>
    </message>
    <message>
        <source>Ketik angka yang terbaca di gambar untuk {0}.</source>
        <translation>Type the number read on the image for {0}.</translation>
    </message>
    <message>
        <source>Menyimpan keputusan…</source>
        <translation>Saving the decision…</translation>
    </message>
    <message>
        <source>data final salah, dikoreksi</source>
        <translation>final record wrong, corrected</translation>
    </message>
    <message>
        <source>entri audit salah</source>
        <translation>audit keying wrong</translation>
    </message>
    <message>
        <source>keduanya salah, data final dikoreksi</source>
        <translation>both wrong, final record corrected</translation>
    </message>
    <message>
        <source>{field}: final {final}, audit {audit}, gambar {image}: {verdict}</source>
        <translation>{field}: final {final}, audit {audit}, image {image}: {verdict}</translation>
    </message>
    <message>
        <source>Wilayah dibuka kembali: {0}</source>
        <translation>Regions reopened: {0}</translation>
    </message>
    <message>
        <source>Keputusan disimpan.</source>
        <translation>Decision saved.</translation>
    </message>
</context>
<context>
    <name>RecapTreeModel</name>
    <message>
        <source>{final} dari {total} formulir final ({pct})</source>
        <translation>{final} of {total} forms final ({pct})</translation>
    </message>
    <message>
        <source>Formulir final dari seluruh TPS wilayah</source>
        <translation>Final forms of all TPS of the region</translation>
    </message>
    <message>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>No. {n}</source>
        <translation>No. {n}</translation>
    </message>
    <message>
        <source>Kosong</source>
        <translation>Empty</translation>
    </message>
    <message>
        <source>Entri 1…</source>
        <translation>Entry 1…</translation>
    </message>
    <message>
        <source>Entri 1 ✓</source>
        <translation>Entry 1 ✓</translation>
    </message>
    <message>
        <source>Entri 2…</source>
        <translation>Entry 2…</translation>
    </message>
    <message>
        <source>Berbeda</source>
        <translation>Differ.</translation>
    </message>
    <message>
        <source>Janggal</source>
        <translation>Incons.</translation>
    </message>
</context>
<context>
    <name>RepeatVoteDialog</name>
    <message>
        <source>Pemungutan suara ulang</source>
        <translation>Repeat vote</translation>
    </message>
    <message>
        <source>TPS {tps} · {contest}: hasil formulir ini diganti oleh pemungutan suara ulang. Catatan lama tetap tersimpan di riwayat dan jejak audit; formulir baru dientri ganda dari awal.</source>
        <translation>TPS {tps} · {contest}: this form&apos;s result is replaced by a repeat vote. The earlier record stays in the history and the audit trail; the new form is keyed twice from the start.</translation>
    </message>
    <message>
        <source>mis. Keputusan KPU Kabupaten No. …</source>
        <translation>e.g. KPU Kabupaten decision No. …</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Dasar keputusan</source>
        <translation>Decision reference</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Catat</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>TPS {tps}: {kind} dicatat; formulir dientri ulang dari awal.</source>
        <translation>TPS {tps}: {kind} recorded; the form is keyed again from the start.</translation>
    </message>
</context>
<context>
    <name>ReportScreen</name>
    <message>
        <source>Laporan</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tingkat</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Kertas</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>Wilayah (TPS final / jumlah TPS):</source>
        <translation>Regions (final polling stations / all):</translation>
    </message>
    <message>
        <source>Rekapitulasi (D.HASIL)</source>
        <translation>Recap (D.HASIL)</translation>
    </message>
    <message>
        <source>Lampiran per TPS</source>
        <translation>Annex per polling station</translation>
    </message>
    <message>
        <source>Anomali dan selisih</source>
        <translation>Anomalies and differences</translation>
    </message>
    <message>
        <source>Kemajuan entri dan operator</source>
        <translation>Entry progress and operators</translation>
    </message>
    <message>
        <source>Mutu data (audit entri ulang)</source>
        <translation>Data quality (re-key audit)</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>District</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Regency/city</translation>
    </message>
    <message>
        <source>A4 mendatar</source>
        <translation>A4 landscape</translation>
    </message>
    <message>
        <source>F4 mendatar</source>
        <translation>F4 landscape</translation>
    </message>
    <message>
        <source>Buat pratinjau (F5)</source>
        <translation>Make preview (F5)</translation>
    </message>
    <message>
        <source>Finalisasi wilayah</source>
        <translation>Finalise region</translation>
    </message>
    <message>
        <source>Alasan membuka kembali (wajib)</source>
        <translation>Reason for reopening (required)</translation>
    </message>
    <message>
        <source>Buka kembali</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>Simpan PDF…</source>
        <translation>Save PDF…</translation>
    </message>
    <message>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Frasa sandi kunci kamar hitung</source>
        <translation>Passphrase of the counting room&apos;s key</translation>
    </message>
    <message>
        <source>Tandatangani</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Buat semua laporan (set lengkap)…</source>
        <translation>Make every report (full set)…</translation>
    </message>
    <message>
        <source>Verifikasi berkas PDF…</source>
        <translation>Verify a PDF file…</translation>
    </message>
    <message>
        <source>Hanya supervisor yang dapat memfinalisasi dan menandatangani.</source>
        <translation>Only supervisors can finalise and sign.</translation>
    </message>
    <message>
        <source>FINAL</source>
        <translation>FINAL</translation>
    </message>
    <message>
        <source>draf</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>{name} ({code}) — {final}/{total} TPS — {mark}</source>
        <translation>{name} ({code}) — {final}/{total} stations — {mark}</translation>
    </message>
    <message>
        <source>{name}: FINAL, difinalisasi oleh {by} pada {at}. Datanya dibekukan.</source>
        <translation>{name}: FINAL, finalised by {by} at {at}. Its data is frozen.</translation>
    </message>
    <message>
        <source>{name}: DRAF. Finalisasi setelah semua kecamatan final.</source>
        <translation>{name}: DRAFT. Finalise once every district is final.</translation>
    </message>
    <message>
        <source>{name}: DRAF. Semua {n} TPS final; wilayah dapat difinalisasi.</source>
        <translation>{name}: DRAFT. All {n} polling stations are final; the region can be finalised.</translation>
    </message>
    <message>
        <source>{name}: DRAF. {left} dari {total} TPS belum final.</source>
        <translation>{name}: DRAFT. {left} of {total} polling stations are not final yet.</translation>
    </message>
    <message>
        <source>Membuat laporan…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>… {n} halaman lagi: simpan atau cetak untuk melihat semuanya.</source>
        <translation>… {n} more pages: save or print to see them all.</translation>
    </message>
    <message>
        <source>Laporan dibuat: {n} halaman.</source>
        <translation>Report made: {n} pages.</translation>
    </message>
    <message>
        <source>Pilih wilayah lalu tekan F5 untuk membuat pratinjau laporan.</source>
        <translation>Choose a region, then press F5 to preview the report.</translation>
    </message>
    <message>
        <source>DRAF</source>
        <translation>DRAFT</translation>
    </message>
    <message>
        <source>ditandatangani digital: {who}</source>
        <translation>digitally signed: {who}</translation>
    </message>
    <message>
        <source>belum ditandatangani</source>
        <translation>not signed</translation>
    </message>
    <message>
        <source>{pages} halaman · {state} · {signed}&lt;br&gt;Sidik data: &lt;tt&gt;{groups}&lt;/tt&gt;</source>
        <translation>{pages} pages · {state} · {signed}&lt;br&gt;Data fingerprint: &lt;tt&gt;{groups}&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>Memeriksa jejak audit lalu memfinalisasi {name}…</source>
        <translation>Checking the audit trail, then finalising {name}…</translation>
    </message>
    <message>
        <source>{name} difinalisasi: datanya dibekukan.</source>
        <translation>{name} finalised: its data is frozen.</translation>
    </message>
    <message>
        <source>Tulis alasan membuka kembali wilayah ini.</source>
        <translation>Write the reason for reopening this region.</translation>
    </message>
    <message>
        <source>Membuka kembali {name}…</source>
        <translation>Reopening {name}…</translation>
    </message>
    <message>
        <source>{name} dibuka kembali.</source>
        <translation>{name} reopened.</translation>
    </message>
    <message>
        <source>Menandatangani…</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <source>Laporan ditandatangani oleh {who}.</source>
        <translation>Report signed by {who}.</translation>
    </message>
    <message>
        <source>Simpan laporan</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Disimpan: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Mencetak…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Pencetak tidak dapat dibuka.</source>
        <translation>The printer cannot be opened.</translation>
    </message>
    <message>
        <source>Pencetakan dibatalkan.</source>
        <translation>Printing cancelled.</translation>
    </message>
    <message>
        <source>Dicetak ke {printer}.</source>
        <translation>Printed to {printer}.</translation>
    </message>
    <message>
        <source>Folder untuk semua laporan</source>
        <translation>Folder for every report</translation>
    </message>
    <message>
        <source>Membuat {n} laporan…</source>
        <translation>Making {n} reports…</translation>
    </message>
    <message>
        <source>{done} dari {total}: {name}</source>
        <translation>{done} of {total}: {name}</translation>
    </message>
    <message>
        <source>Pembuatan laporan dibatalkan; berkas yang sudah jadi tetap ada.</source>
        <translation>Making the reports was cancelled; the files already written remain.</translation>
    </message>
    <message>
        <source>{n} laporan dibuat.</source>
        <translation>{n} reports made.</translation>
    </message>
    <message>
        <source>Verifikasi PDF</source>
        <translation>Verify PDF</translation>
    </message>
    <message>
        <source>Memeriksa {name}…</source>
        <translation>Checking {name}…</translation>
    </message>
    <message>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>TIDAK</source>
        <translation>NO</translation>
    </message>
    <message>
        <source>SAH</source>
        <translation>VALID</translation>
    </message>
    <message>
        <source>TIDAK SAH</source>
        <translation>NOT VALID</translation>
    </message>
    <message>
        <source>tidak</source>
        <translation>no</translation>
    </message>
    <message>
        <source>ya ({what})</source>
        <translation>yes ({what})</translation>
    </message>
    <message>
        <source>Ditandatangani oleh {who}&lt;br&gt;pada {when}&lt;br&gt;berubah sejak ditandatangani: {changed}&lt;br&gt;utuh: {intact} · sah: {valid} · tepercaya: {trusted}</source>
        <translation>Signed by {who}&lt;br&gt;at {when}&lt;br&gt;changed since signing: {changed}&lt;br&gt;intact: {intact} · valid: {valid} · trusted: {trusted}</translation>
    </message>
    <message>
        <source>Sertifikat dicabut oleh provinsi.</source>
        <translation>The certificate was revoked by the province.</translation>
    </message>
</context>
<context>
    <name>ResolutionScreen</name>
    <message>
        <source>Layar penyelesaian hanya untuk pengawas. Operator tidak melihat entri operator lain: bila dua entri berbeda atau formulir janggal, pengawas yang memeriksanya terhadap gambar formulir.</source>
        <translation>The resolution screen is for supervisors only. Operators do not see other operators&apos; entries: when two entries differ or a form is inconsistent, a supervisor checks it against the form image.</translation>
    </message>
    <message>
        <source>Semua pemilihan</source>
        <translation>All contests</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Diperbarui</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Ctrl++ / Ctrl+-: perbesar/perkecil · Ctrl+0: seluruh halaman · Ctrl+R: putar</source>
        <translation>Ctrl++ / Ctrl+-: zoom in/out · Ctrl+0: whole page · Ctrl+R: rotate</translation>
    </message>
    <message>
        <source>Formulir ini tidak lagi menunggu penyelesaian (mungkin sudah diselesaikan pengawas lain). Esc: kembali ke antrean.</source>
        <translation>This form no longer awaits resolution (another supervisor may have resolved it). Esc: back to the queue.</translation>
    </message>
    <message>
        <source>Pe&amp;milihan:</source>
        <translation>&amp;Contest:</translation>
    </message>
    <message>
        <source>Menyimpan…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>↑/↓: pilih · Enter: buka · Alt+D: berbeda · Alt+J: janggal · Alt+S: statistik operator · Alt+M: pemilihan · F5: muat ulang</source>
        <translation>↑/↓: select · Enter: open · Alt+D: different · Alt+I: inconsistent · Alt+O: operator statistics · Alt+C: contest · F5: reload</translation>
    </message>
    <message>
        <source>Berbe&amp;da ({0})</source>
        <translation>&amp;Different ({0})</translation>
    </message>
    <message>
        <source>&amp;Janggal ({0})</source>
        <translation>&amp;Inconsistent ({0})</translation>
    </message>
    <message>
        <source>&amp;Statistik operator</source>
        <translation>&amp;Operator statistics</translation>
    </message>
    <message>
        <source>Tidak ada formulir berbeda yang menunggu.</source>
        <translation>No differing forms are waiting.</translation>
    </message>
    <message>
        <source>Tidak ada formulir janggal yang menunggu.</source>
        <translation>No inconsistent forms are waiting.</translation>
    </message>
    <message>
        <source>{0} tidak lagi menunggu penyelesaian.</source>
        <translation>{0} no longer awaits resolution.</translation>
    </message>
    <message>
        <source>TPS {0:03d} · Desa {1} · Kec. {2} — {3}</source>
        <translation>TPS {0:03d} · Desa {1} · Kec. {2} — {3}</translation>
    </message>
    <message>
        <source>{0}: {1} isian berbeda</source>
        <translation>{0}: {1} differing field(s)</translation>
    </message>
    <message>
        <source>Esc: antrean</source>
        <translation>Esc: queue</translation>
    </message>
    <message>
        <source>Memuat gambar formulir…</source>
        <translation>Loading the form image…</translation>
    </message>
    <message>
        <source>Belum ada gambar untuk formulir ini.</source>
        <translation>No image for this form yet.</translation>
    </message>
    <message>
        <source>{0} halaman tidak ada atau tidak terbaca.</source>
        <translation>Pages missing or unreadable: {0}.</translation>
    </message>
    <message>
        <source>Gambar formulir tidak dapat dimuat: {0}</source>
        <translation>The form image cannot be loaded: {0}</translation>
    </message>
</context>
<context>
    <name>RoomDialog</name>
    <message>
        <source>Ruangan</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>&amp;Kata sandi {user}:</source>
        <translation>&amp;Password of {user}:</translation>
    </message>
    <message>
        <source>&amp;Alamat di jaringan ruangan:</source>
        <translation>&amp;Address on the room&apos;s network:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>Alamat ruangan:</source>
        <translation>Room address:</translation>
    </message>
    <message>
        <source>&amp;Jadikan ruangan</source>
        <translation>&amp;Make this a room</translation>
    </message>
    <message>
        <source>Kode &amp;gabung baru</source>
        <translation>New &amp;join code</translation>
    </message>
    <message>
        <source>&amp;Hentikan ruangan</source>
        <translation>&amp;Stop the room</translation>
    </message>
    <message>
        <source>Stasiun</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Alamat</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Pengguna</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Terakhir terlihat</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>PC ini adalah host ruangan. Setiap stasiun bergabung dengan kode gabung sendiri (sekali pakai, berlaku satu jam).</source>
        <translation>This PC hosts the room. Each station joins with a join code of its own (single use, valid for one hour).</translation>
    </message>
    <message>
        <source>Jadikan workspace ini ruangan: datanya dipindahkan ke basis data ruangan (rantai audit diperiksa sebelum dan sesudah) dan PC lain di jaringan ruangan dapat bergabung sebagai stasiun.</source>
        <translation>Make this workspace a room: its data moves into the room&apos;s database (the audit chain is checked before and after) and the other PCs on the room&apos;s network can join as stations.</translation>
    </message>
    <message>
        <source>PC ini adalah stasiun {name} di ruangan {host}:{port}.</source>
        <translation>This PC is station {name} of the room at {host}:{port}.</translation>
    </message>
    <message>
        <source>Memeriksa kata sandi…</source>
        <translation>Checking the password…</translation>
    </message>
    <message>
        <source>Membuat ruangan…</source>
        <translation>Making the room…</translation>
    </message>
    <message>
        <source>Ruangan dibuka.</source>
        <translation>The room is open.</translation>
    </message>
    <message>
        <source>{where} (terbuka)</source>
        <translation>{where} (open)</translation>
    </message>
    <message>
        <source>{where} (berhenti)</source>
        <translation>{where} (stopped)</translation>
    </message>
    <message>
        <source>Kode untuk satu stasiun, berlaku sampai pukul {time}.</source>
        <translation>A code for one station, valid until {time}.</translation>
    </message>
    <message>
        <source>Menghentikan ruangan…</source>
        <translation>Stopping the room…</translation>
    </message>
    <message>
        <source>Ruangan dihentikan. Stasiun tidak dapat menyimpan lagi.</source>
        <translation>The room is stopped. Stations cannot save any more.</translation>
    </message>
</context>
<context>
    <name>RoomStatus</name>
    <message>
        <source>Ruangan {where}: memeriksa…</source>
        <translation>Room {where}: checking…</translation>
    </message>
    <message>
        <source>Ruangan {where}: terhubung</source>
        <translation>Room {where}: connected</translation>
    </message>
    <message>
        <source>Ruangan {where}: terputus, mencoba lagi…</source>
        <translation>Room {where}: connection lost, retrying…</translation>
    </message>
</context>
<context>
    <name>SelisihScreen</name>
    <message>
        <source>Selisih dengan angka resmi</source>
        <translation>Discrepancies with the official numbers</translation>
    </message>
    <message>
        <source>Impor angka resmi…</source>
        <translation>Import official numbers…</translation>
    </message>
    <message>
        <source>Angka per TPS dari penyelenggara: CSV, XLSX atau JSON bentuk SIREKAP</source>
        <translation>The election body&apos;s numbers per TPS: CSV, XLSX or SIREKAP-shaped JSON</translation>
    </message>
    <message>
        <source>Ekspor…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Simpan daftar selisih sebagai CSV atau XLSX</source>
        <translation>Save the list of discrepancies as CSV or XLSX</translation>
    </message>
    <message>
        <source>Jumlah per wilayah (angka kita − angka resmi)</source>
        <translation>Sums per region (ours − official)</translation>
    </message>
    <message>
        <source>Selisih per TPS</source>
        <translation>Discrepancies per TPS</translation>
    </message>
    <message>
        <source>Per kecamatan</source>
        <translation>Per kecamatan</translation>
    </message>
    <message>
        <source>Per desa</source>
        <translation>Per desa</translation>
    </message>
    <message>
        <source>Kabupaten</source>
        <translation>Kabupaten</translation>
    </message>
    <message>
        <source>Selisih tidak dapat dihitung: {0}</source>
        <translation>The discrepancies cannot be computed: {0}</translation>
    </message>
    <message>
        <source>Cakupan angka resmi: {n} dari {total} TPS</source>
        <translation>Official numbers cover {n} of {total} TPS</translation>
    </message>
    <message>
        <source>SIREKAP: {psu} TPS PSU, {votes} suara dan {adm} administrasi belum terverifikasi, {noimg} TPS tanpa foto</source>
        <translation>SIREKAP: {psu} TPS with a repeat vote, {votes} with votes and {adm} with administration not verified, {noimg} TPS without photos</translation>
    </message>
    <message>
        <source>Belum ada angka resmi untuk pemilihan ini. Impor berkas dari penyelenggara.</source>
        <translation>No official numbers for this contest yet. Import the election body&apos;s file.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{diff}&lt;/b&gt; TPS berbeda ({numbers} angka) dari {compared} TPS yang dibandingkan · {pending} TPS dengan angka resmi belum final · {without} TPS final tanpa angka resmi</source>
        <translation>&lt;b&gt;{diff}&lt;/b&gt; TPS differ ({numbers} numbers) of {compared} TPS compared · {pending} TPS with official numbers not final yet · {without} final TPS without official numbers</translation>
    </message>
    <message>
        <source>Mengimpor {0}…</source>
        <translation>Importing {0}…</translation>
    </message>
    <message>
        <source>Mengimpor {0} berkas…</source>
        <translation>Importing {0} files…</translation>
    </message>
    <message>
        <source>Angka resmi {forms} formulir dari {files} berkas diimpor ({values} angka, {candidates} berkas calon).</source>
        <translation>Official numbers of {forms} forms imported from {files} files ({values} numbers, {candidates} candidate files).</translation>
    </message>
    <message>
        <source>{file}: angka resmi {forms} formulir diimpor ({values} angka).</source>
        <translation>{file}: official numbers of {forms} forms imported ({values} numbers).</translation>
    </message>
    <message>
        <source>Impor gagal: {0}</source>
        <translation>Import failed: {0}</translation>
    </message>
    <message>
        <source>Belum ada data selisih untuk diekspor.</source>
        <translation>There are no discrepancies to export yet.</translation>
    </message>
    <message>
        <source>Disimpan: {0}</source>
        <translation>Saved: {0}</translation>
    </message>
    <message>
        <source>Ekspor gagal: {0}</source>
        <translation>Export failed: {0}</translation>
    </message>
    <message>
        <source>Impor angka resmi</source>
        <translation>Import official numbers</translation>
    </message>
    <message>
        <source>Angka resmi (*.csv *.xlsx *.json);;Semua berkas (*)</source>
        <translation>Official numbers (*.csv *.xlsx *.json);;All files (*)</translation>
    </message>
    <message>
        <source>Ekspor daftar selisih</source>
        <translation>Export the list of discrepancies</translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>StartDialog</name>
    <message>
        <source>kamarhitung — pilih workspace</source>
        <translation>kamarhitung — choose a workspace</translation>
    </message>
    <message>
        <source>Entri ganda formulir hasil penghitungan suara, untuk ruang rekap kabupaten.</source>
        <translation>Double-entry keying of vote-count result forms, for the kabupaten counting room.</translation>
    </message>
    <message>
        <source>&amp;Workspace terakhir</source>
        <translation>&amp;Recent workspaces</translation>
    </message>
    <message>
        <source>Belum ada workspace yang pernah dibuka di komputer ini. Buka folder workspace, coba demo, atau buat workspace baru dari buku induk.</source>
        <translation>No workspace has been opened on this computer yet. Open a workspace folder, try the demo, or create a new workspace from a master workbook.</translation>
    </message>
    <message>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Buka workspace…</source>
        <translation>Open workspace…</translation>
    </message>
    <message>
        <source>Buka demo</source>
        <translation>Open the demo</translation>
    </message>
    <message>
        <source>Workspace baru dari buku induk…</source>
        <translation>New workspace from a master workbook…</translation>
    </message>
    <message>
        <source>Gabung ke ruangan…</source>
        <translation>Join a room…</translation>
    </message>
    <message>
        <source>Keluar</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>&amp;Bahasa</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Enter membuka; Delete menghapus dari daftar</source>
        <translation>Enter opens; Delete removes from the list</translation>
    </message>
    <message>
        <source>{name}   (tidak ditemukan)
{folder}</source>
        <translation>{name}   (not found)
{folder}</translation>
    </message>
    <message>
        <source>Terjemahan {language} tidak ditemukan.</source>
        <translation>The {language} translation was not found.</translation>
    </message>
    <message>
        <source>Buka folder workspace</source>
        <translation>Open a workspace folder</translation>
    </message>
    <message>
        <source>Folder demo {path} tidak kosong tetapi bukan workspace.</source>
        <translation>The demo folder {path} is not empty but is not a workspace.</translation>
    </message>
    <message>
        <source>Membuat workspace demo ({n} TPS)…</source>
        <translation>Creating the demo workspace ({n} TPS)…</translation>
    </message>
    <message>
        <source>Demo tidak dapat dibuat: {detail}</source>
        <translation>The demo cannot be created: {detail}</translation>
    </message>
</context>
<context>
    <name>StatusModel</name>
    <message>
        <source>Jumlah TPS</source>
        <translation>TPS total</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>StatusScreen</name>
    <message>
        <source>Status entri</source>
        <translation>Entry status</translation>
    </message>
    <message>
        <source>Perbarui</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Baca ulang angka dari workspace (F5)</source>
        <translation>Read the figures from the workspace again (F5)</translation>
    </message>
    <message>
        <source>Formulir final per pemilihan</source>
        <translation>Final forms per contest</translation>
    </message>
    <message>
        <source>Formulir per status entri</source>
        <translation>Forms per entry state</translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation>Kabupaten/kota</translation>
    </message>
    <message>
        <source>Provinsi</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Election</translation>
    </message>
    <message>
        <source>Folder workspace</source>
        <translation>Workspace folder</translation>
    </message>
    <message>
        <source>Diperbarui {time}</source>
        <translation>Updated {time}</translation>
    </message>
    <message>
        <source>{kabupaten} · {tps} TPS · {contests} pemilihan</source>
        <translation>{kabupaten} · {tps} TPS · {contests} contests</translation>
    </message>
</context>
<context>
    <name>TpsDetail</name>
    <message>
        <source>Kembali (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
    <message>
        <source>Pemungutan suara ulang…</source>
        <translation>Repeat vote…</translation>
    </message>
    <message>
        <source>TPS {n} · Desa {desa} · Kec. {kec}</source>
        <translation>TPS {n} · Desa {desa} · Kec. {kec}</translation>
    </message>
    <message>
        <source>Entri operator hanya terlihat oleh supervisor.</source>
        <translation>Operators&apos; entries are shown to supervisors only.</translation>
    </message>
    <message>
        <source>Entri tidak dapat dibaca: {0}</source>
        <translation>The entries cannot be read: {0}</translation>
    </message>
    <message>
        <source>Memuat gambar formulir…</source>
        <translation>Loading the form image…</translation>
    </message>
    <message>
        <source>Belum ada gambar untuk formulir ini.</source>
        <translation>No image for this form yet.</translation>
    </message>
    <message>
        <source>Gambar formulir tidak dapat dimuat: {0}</source>
        <translation>The form image cannot be loaded: {0}</translation>
    </message>
    <message>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Entri {slot}
{user}</source>
        <translation>Entry {slot}
{user}</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>Memuat entri…</source>
        <translation>Loading the entries…</translation>
    </message>
    <message>
        <source>{n} isian berbeda antara kedua entri (ditandai).</source>
        <translation>{n} fields differ between the two entries (marked).</translation>
    </message>
    <message>
        <source>Catatan: {0}</source>
        <translation>Note: {0}</translation>
    </message>
</context>
<context>
    <name>TurnoutChart</name>
    <message>
        <source>Sebaran partisipasi</source>
        <translation>Turnout distribution</translation>
    </message>
    <message>
        <source>Partisipasi per TPS (%)</source>
        <translation>Turnout per TPS (%)</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Partisipasi per TPS: pengguna hak pilih ÷ pemilih, dalam persen.</source>
        <translation>Turnout per TPS: voters ÷ registered voters, in percent.</translation>
    </message>
    <message>
        <source>median {0}</source>
        <translation>median {0}</translation>
    </message>
    <message>
        <source>Belum ada formulir final di wilayah ini.</source>
        <translation>No final form in this region yet.</translation>
    </message>
    <message>
        <source>{n} TPS final; median partisipasi {median}.</source>
        <translation>{n} final TPS; median turnout {median}.</translation>
    </message>
    <message>
        <source>▲ Pencilan: {names}</source>
        <translation>▲ Outliers: {names}</translation>
    </message>
    <message>
        <source>dan {n} lainnya</source>
        <translation>and {n} more</translation>
    </message>
    <message>
        <source>Tidak ada pencilan partisipasi.</source>
        <translation>No turnout outliers.</translation>
    </message>
</context>
<context>
    <name>VoteShareChart</name>
    <message>
        <source>Perolehan suara</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>Belum ada formulir final di wilayah ini.</source>
        <translation>No final form in this region yet.</translation>
    </message>
    <message>
        <source>Dari {tps} TPS final: {votes} suara sah.</source>
        <translation>From {tps} final TPS: {votes} valid votes.</translation>
    </message>
    <message>
        <source>Terbanyak: paslon {n} ({pct}).</source>
        <translation>Most votes: candidate pair {n} ({pct}).</translation>
    </message>
</context>
<context>
    <name>_BrokenScreen</name>
    <message>
        <source>Layar ini tidak dapat dibuka karena kesalahan program: {error}. Layar lain tetap dapat dipakai; laporkan pesan ini kepada admin.</source>
        <translation>This screen cannot be opened because of a program error: {error}. The other screens still work; report this message to an admin.</translation>
    </message>
</context>
<context>
    <name>_ContestProgress</name>
    <message>
        <source>{final} dari {total} formulir final ({pct})</source>
        <translation>{final} of {total} forms final ({pct})</translation>
    </message>
</context>
<context>
    <name>_StateBreakdown</name>
    <message>
        <source>Status formulir · {0}</source>
        <translation>Forms by state · {0}</translation>
    </message>
</context>
<context>
    <name>anomalies</name>
    <message>
        <source>Di formulir: {0}</source>
        <translation>On the form: {0}</translation>
    </message>
    <message>
        <source>partisipasi</source>
        <translation>turnout</translation>
    </message>
    <message>
        <source>suara paslon {n}</source>
        <translation>votes of candidate pair {n}</translation>
    </message>
    <message>
        <source>{what} {value} (median kecamatan {median}, z = {z})</source>
        <translation>{what} {value} (kecamatan median {median}, z = {z})</translation>
    </message>
    <message>
        <source>seluruh isian sama dengan TPS {0}</source>
        <translation>every field equal to TPS {0}</translation>
    </message>
    <message>
        <source>bagian IV dan V sama dengan TPS {0}</source>
        <translation>sections IV and V equal to TPS {0}</translation>
    </message>
    <message>
        <source>pengguna hak pilih {voters} &gt; pemilih terdaftar {registered}</source>
        <translation>voters {voters} &gt; registered {registered}</translation>
    </message>
    <message>
        <source>jumlah suara paslon {votes} &gt; DPT {dpt} + cadangan (batas {limit})</source>
        <translation>votes of the candidate pairs {votes} &gt; DPT {dpt} + reserve (limit {limit})</translation>
    </message>
    <message>
        <source>suara tidak sah {invalid} dari {total} ({share})</source>
        <translation>invalid votes {invalid} of {total} ({share})</translation>
    </message>
    <message>
        <source>angka terakhir {n} perolehan suara tidak merata (χ² = {chi2}, p = {p})</source>
        <translation>last digits of {n} vote counts not uniform (χ² = {chi2}, p = {p})</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Kata sandi dari {env} untuk {user} ditolak. Masuk di sini.</source>
        <translation>The password from {env} for {user} was refused. Log in here.</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>Masuk</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>Keluar (ganti pengguna)</source>
        <translation>Logged out (switch user)</translation>
    </message>
    <message>
        <source>Workspace dibuat</source>
        <translation>Workspace created</translation>
    </message>
    <message>
        <source>Pengguna ditambahkan</source>
        <translation>User added</translation>
    </message>
    <message>
        <source>Kata sandi diatur ulang</source>
        <translation>Password reset</translation>
    </message>
    <message>
        <source>Akun dibuka kembali</source>
        <translation>Account unlocked</translation>
    </message>
    <message>
        <source>Akun dinonaktifkan</source>
        <translation>Account disabled</translation>
    </message>
    <message>
        <source>Akun diaktifkan kembali</source>
        <translation>Account enabled again</translation>
    </message>
    <message>
        <source>Entri selesai</source>
        <translation>Entry finished</translation>
    </message>
    <message>
        <source>Klaim entri kedaluwarsa</source>
        <translation>Entry claim lapsed</translation>
    </message>
    <message>
        <source>Entri dikembalikan</source>
        <translation>Entry given back</translation>
    </message>
    <message>
        <source>Entri dilepas supervisor</source>
        <translation>Entry released by a supervisor</translation>
    </message>
    <message>
        <source>Perbedaan diputuskan</source>
        <translation>Differences resolved</translation>
    </message>
    <message>
        <source>Formulir janggal diterima</source>
        <translation>Inconsistent form accepted</translation>
    </message>
    <message>
        <source>Dikirim kembali untuk dientri ulang</source>
        <translation>Sent back for re-entry</translation>
    </message>
    <message>
        <source>Pemungutan suara ulang dicatat</source>
        <translation>Repeat vote recorded</translation>
    </message>
    <message>
        <source>Gambar diimpor</source>
        <translation>Images imported</translation>
    </message>
    <message>
        <source>Foto demo dibuat</source>
        <translation>Demo photo rendered</translation>
    </message>
    <message>
        <source>Gambar ditetapkan ke TPS</source>
        <translation>Image assigned to a TPS</translation>
    </message>
    <message>
        <source>Urutan gambar diubah</source>
        <translation>Image order changed</translation>
    </message>
    <message>
        <source>Angka resmi diimpor</source>
        <translation>Official numbers imported</translation>
    </message>
    <message>
        <source>Rekap diekspor</source>
        <translation>Recap exported</translation>
    </message>
    <message>
        <source>Daftar selisih diekspor</source>
        <translation>SELISIH list exported</translation>
    </message>
    <message>
        <source>Vektor rekap dibangun ulang</source>
        <translation>Recap vectors rebuilt</translation>
    </message>
    <message>
        <source>Wilayah difinalkan</source>
        <translation>Region finalised</translation>
    </message>
    <message>
        <source>Wilayah dibuka kembali</source>
        <translation>Region reopened</translation>
    </message>
    <message>
        <source>Laporan dibuat</source>
        <translation>Report made</translation>
    </message>
    <message>
        <source>Laporan dicetak</source>
        <translation>Report printed</translation>
    </message>
    <message>
        <source>Laporan disimpan</source>
        <translation>Report saved</translation>
    </message>
    <message>
        <source>Laporan ditandatangani</source>
        <translation>Report signed</translation>
    </message>
    <message>
        <source>Kunci dibuat</source>
        <translation>Key created</translation>
    </message>
    <message>
        <source>Sertifikat dipasang</source>
        <translation>Certificate installed</translation>
    </message>
    <message>
        <source>Bundel diekspor</source>
        <translation>Bundle exported</translation>
    </message>
    <message>
        <source>Workspace provinsi dibuat</source>
        <translation>Province workspace created</translation>
    </message>
    <message>
        <source>Bundel diimpor</source>
        <translation>Bundle imported</translation>
    </message>
    <message>
        <source>Daftar pencabutan yang lebih baru disimpan</source>
        <translation>Newer revocation list kept</translation>
    </message>
    <message>
        <source>Rekap provinsi dibuat</source>
        <translation>Province recap made</translation>
    </message>
    <message>
        <source>Cadangan dibuat</source>
        <translation>Backup made</translation>
    </message>
    <message>
        <source>Cadangan gagal diperiksa, disisihkan</source>
        <translation>Backup failed its check, set aside</translation>
    </message>
    <message>
        <source>Cadangan dipulihkan</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <source>Log audit diekspor</source>
        <translation>Audit log exported</translation>
    </message>
    <message>
        <source>Berhasil</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>Kata sandi salah</source>
        <translation>Wrong password</translation>
    </message>
    <message>
        <source>Pengguna tidak dikenal</source>
        <translation>Unknown user</translation>
    </message>
    <message>
        <source>Akun terkunci</source>
        <translation>Account locked</translation>
    </message>
    <message>
        <source>Akun dikunci sekarang</source>
        <translation>Account locked now</translation>
    </message>
    <message>
        <source>Akun nonaktif</source>
        <translation>Account inactive</translation>
    </message>
    <message>
        <source>Gagal</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Akun diubah di luar aplikasi</source>
        <translation>Account changed outside the application</translation>
    </message>
    <message>
        <source>Ditolak</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Alasan</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Tingkat</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Pengentrian</source>
        <translation>Keying</translation>
    </message>
    <message>
        <source>Sidik jari</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Nilai</source>
        <translation>Values</translation>
    </message>
    <message>
        <source>Entri ke</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Entri</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Hash rekaman</source>
        <translation>Record hash</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>ID pengguna</source>
        <translation>User id</translation>
    </message>
    <message>
        <source>TPS final</source>
        <translation>Final TPS</translation>
    </message>
    <message>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Ke</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Foto demo</source>
        <translation>Demo photo</translation>
    </message>
    <message>
        <source>Ukuran (bita)</source>
        <translation>Size (bytes)</translation>
    </message>
    <message>
        <source>Urutan</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <source>Rujukan</source>
        <translation>Reference</translation>
    </message>
    <message>
        <source>Rekaman</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Penerima</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Isian</source>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Nama berkas</source>
        <translation>File name</translation>
    </message>
    <message>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Hasil</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Lokasi</source>
        <translation>Path</translation>
    </message>
    <message>
        <source>Jumlah</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Masalah</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>ID bundel</source>
        <translation>Bundle id</translation>
    </message>
    <message>
        <source>ya</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>tidak</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>besok {time}</source>
        <translation>tomorrow {time}</translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <source>Belum dientri</source>
        <translation>Not keyed</translation>
    </message>
    <message>
        <source>Entri pertama berjalan</source>
        <translation>First entry in progress</translation>
    </message>
    <message>
        <source>Entri pertama selesai</source>
        <translation>First entry done</translation>
    </message>
    <message>
        <source>Entri kedua berjalan</source>
        <translation>Second entry in progress</translation>
    </message>
    <message>
        <source>Berbeda</source>
        <translation>Different</translation>
    </message>
    <message>
        <source>Janggal</source>
        <translation>Inconsistent (janggal)</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>Belum ada yang mengentri formulir ini.</source>
        <translation>Nobody has keyed this form yet.</translation>
    </message>
    <message>
        <source>Operator pertama sedang mengentri formulir ini.</source>
        <translation>The first operator is keying this form.</translation>
    </message>
    <message>
        <source>Entri pertama selesai; menunggu entri kedua oleh operator lain.</source>
        <translation>First entry done; waiting for the second entry by another operator.</translation>
    </message>
    <message>
        <source>Operator kedua sedang mengentri formulir ini.</source>
        <translation>The second operator is keying this form.</translation>
    </message>
    <message>
        <source>Kedua entri berbeda; menunggu keputusan pengawas.</source>
        <translation>The two entries differ; waiting for a supervisor&apos;s decision.</translation>
    </message>
    <message>
        <source>Kedua entri sama, tetapi formulirnya sendiri tidak konsisten; menunggu keputusan pengawas.</source>
        <translation>Both entries agree, but the form itself is inconsistent; waiting for a supervisor&apos;s decision.</translation>
    </message>
    <message>
        <source>Final: dihitung dalam rekapitulasi.</source>
        <translation>Final: counted in the recap.</translation>
    </message>
    <message>
        <source>Tidak terbaca</source>
        <translation>Illegible</translation>
    </message>
    <message>
        <source>Foto dari TPS lain</source>
        <translation>Photo of another TPS</translation>
    </message>
    <message>
        <source>Bukan formulir hasil</source>
        <translation>Not a result form</translation>
    </message>
    <message>
        <source>Halaman hilang</source>
        <translation>Page missing</translation>
    </message>
    <message>
        <source>Dikoreksi di kertas</source>
        <translation>Corrected on paper</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Admin</translation>
    </message>
    <message>
        <source>Jumlah L + P tidak cocok</source>
        <translation>Total does not equal M + F</translation>
    </message>
    <message>
        <source>Jumlah data pemilih tidak cocok</source>
        <translation>Voter totals do not add up</translation>
    </message>
    <message>
        <source>Jumlah pengguna hak pilih tidak cocok</source>
        <translation>Totals of voters who voted do not add up</translation>
    </message>
    <message>
        <source>Pengguna hak pilih melebihi pemilih terdaftar</source>
        <translation>More voters voted than are registered</translation>
    </message>
    <message>
        <source>Surat suara tidak seimbang</source>
        <translation>Ballot papers do not balance</translation>
    </message>
    <message>
        <source>Surat suara digunakan ≠ pengguna hak pilih</source>
        <translation>Ballots used ≠ voters who voted</translation>
    </message>
    <message>
        <source>Suara sah ≠ jumlah perolehan paslon</source>
        <translation>Valid votes ≠ sum of the candidate pairs&apos; votes</translation>
    </message>
    <message>
        <source>Jumlah suara ≠ sah + tidak sah</source>
        <translation>Total votes ≠ valid + invalid</translation>
    </message>
    <message>
        <source>Jumlah suara ≠ pengguna hak pilih</source>
        <translation>Total votes ≠ voters who voted</translation>
    </message>
    <message>
        <source>Pemilih disabilitas tidak wajar</source>
        <translation>Implausible voters with disabilities</translation>
    </message>
    <message>
        <source>Angka di luar batas</source>
        <translation>Number out of range</translation>
    </message>
    <message>
        <source>Partisipasi melebihi DPT</source>
        <translation>Turnout exceeds the voter list</translation>
    </message>
    <message>
        <source>Surat suara cadangan tidak wajar</source>
        <translation>Implausible number of reserve ballots</translation>
    </message>
    <message>
        <source>Suara tidak sah 3% atau lebih</source>
        <translation>Invalid votes 3% or more</translation>
    </message>
    <message>
        <source>Jauh dari median kecamatan</source>
        <translation>Far from the kecamatan median</translation>
    </message>
    <message>
        <source>Hasil sama persis dengan TPS lain</source>
        <translation>Results identical to another TPS</translation>
    </message>
    <message>
        <source>Beda dengan angka resmi</source>
        <translation>Differs from the official figures</translation>
    </message>
    <message>
        <source>Sebaran angka terakhir tidak wajar</source>
        <translation>Implausible last-digit distribution</translation>
    </message>
    <message>
        <source>{field} = {value} di luar batas 0 sampai {max}</source>
        <translation>{field} = {value} outside the range 0 to {max}</translation>
    </message>
    <message>
        <source>jumlah baris {row} (J = {left}) ≠ L + P ({right})</source>
        <translation>total of row {row} (J = {left}) ≠ M + F ({right})</translation>
    </message>
    <message>
        <source>jumlah pemilih ({field} = {left}) ≠ I.A.1 + I.A.2 + I.A.3 ({right})</source>
        <translation>total voters ({field} = {left}) ≠ I.A.1 + I.A.2 + I.A.3 ({right})</translation>
    </message>
    <message>
        <source>jumlah pengguna hak pilih ({field} = {left}) ≠ I.B.1 + I.B.2 + I.B.3 ({right})</source>
        <translation>total who voted ({field} = {left}) ≠ I.B.1 + I.B.2 + I.B.3 ({right})</translation>
    </message>
    <message>
        <source>pengguna hak pilih ({field} = {left}) &gt; pemilih terdaftar ({other} = {right})</source>
        <translation>voters who voted ({field} = {left}) &gt; registered voters ({other} = {right})</translation>
    </message>
    <message>
        <source>surat suara diterima (II.1 = {left}) ≠ digunakan + rusak + tidak digunakan ({right})</source>
        <translation>ballots received (II.1 = {left}) ≠ used + spoiled + unused ({right})</translation>
    </message>
    <message>
        <source>surat suara digunakan (II.2 = {left}) ≠ pengguna hak pilih (I.B.4.J = {right})</source>
        <translation>ballots used (II.2 = {left}) ≠ voters who voted (I.B.4.J = {right})</translation>
    </message>
    <message>
        <source>suara sah (V.A = {left}) ≠ jumlah perolehan paslon ({right})</source>
        <translation>valid votes (V.A = {left}) ≠ sum of the candidate pairs&apos; votes ({right})</translation>
    </message>
    <message>
        <source>jumlah suara (V.C = {left}) ≠ suara sah + tidak sah ({right})</source>
        <translation>total votes (V.C = {left}) ≠ valid + invalid votes ({right})</translation>
    </message>
    <message>
        <source>jumlah suara (V.C = {left}) ≠ pengguna hak pilih (I.B.4.J = {right})</source>
        <translation>total votes (V.C = {left}) ≠ voters who voted (I.B.4.J = {right})</translation>
    </message>
    <message>
        <source>pemilih disabilitas yang memilih ({field} = {left}) &gt; pengguna hak pilih ({other} = {right})</source>
        <translation>voters with disabilities who voted ({field} = {left}) &gt; voters who voted ({other} = {right})</translation>
    </message>
    <message>
        <source>pemilih disabilitas yang memilih ({field} = {left}) &gt; pemilih disabilitas ({other} = {right})</source>
        <translation>voters with disabilities who voted ({field} = {left}) &gt; voters with disabilities ({other} = {right})</translation>
    </message>
    <message>
        <source>pengguna hak pilih ({field} = {left}) &gt; jumlah pemilih ({other} = {right})</source>
        <translation>voters who voted ({field} = {left}) &gt; total voters ({other} = {right})</translation>
    </message>
    <message>
        <source>jumlah perolehan paslon ({votes}) &gt; DPT ({dpt}) + 2,5%</source>
        <translation>votes for the candidate pairs ({votes}) &gt; voter list ({dpt}) + 2.5%</translation>
    </message>
    <message>
        <source>surat suara diterima (II.1) jauh dari DPT + 2,5%: selisih {diff}, batas {limit}</source>
        <translation>ballots received (II.1) far from voter list + 2.5%: off by {diff}, limit {limit}</translation>
    </message>
    <message>
        <source>suara tidak sah (V.B = {invalid}) ≥ 3% dari jumlah suara (V.C = {total})</source>
        <translation>invalid votes (V.B = {invalid}) ≥ 3% of all votes (V.C = {total})</translation>
    </message>
    <message>
        <source>{field}: angka resmi {left}, angka kita {right}</source>
        <translation>{field}: official {left}, ours {right}</translation>
    </message>
    <message>
        <source>kode desa berupa angka yang mungkin sudah dibulatkan; format kolom sebagai teks dan ketik ulang kodenya</source>
        <translation>the desa code is a number that may have been rounded; format the column as text and type the code again</translation>
    </message>
    <message>
        <source>jenis pemilihan tidak dikenal</source>
        <translation>unknown contest</translation>
    </message>
    <message>
        <source>berkas CSV tidak dapat dibaca</source>
        <translation>the CSV file cannot be read</translation>
    </message>
    <message>
        <source>bukan kode desa 10 digit yang sah</source>
        <translation>not a valid 10-digit desa code</translation>
    </message>
    <message>
        <source>nomor urut paslon tidak sah</source>
        <translation>invalid candidate pair number</translation>
    </message>
    <message>
        <source>nomor TPS harus 1 sampai 999</source>
        <translation>the TPS number must be 1 to 999</translation>
    </message>
    <message>
        <source>kolom muncul dua kali; hanya yang pertama dibaca</source>
        <translation>the column appears twice; only the first is read</translation>
    </message>
    <message>
        <source>ada lebih dari satu berkas dengan nama ini</source>
        <translation>there is more than one file with this name</translation>
    </message>
    <message>
        <source>nomor urut paslon muncul dua kali</source>
        <translation>the candidate pair number appears twice</translation>
    </message>
    <message>
        <source>KOLOM KOSONG hanya untuk pemilihan dengan satu pasangan calon, sekali, tanpa wakil</source>
        <translation>KOLOM KOSONG only in a contest with a single candidate pair, once, without a running mate</translation>
    </message>
    <message>
        <source>TPS yang sama muncul dua kali</source>
        <translation>the same TPS appears twice</translation>
    </message>
    <message>
        <source>berkas atau sheet kosong</source>
        <translation>the file or sheet is empty</translation>
    </message>
    <message>
        <source>isian kosong</source>
        <translation>empty value</translation>
    </message>
    <message>
        <source>kode yang sama memiliki nama wilayah yang berbeda</source>
        <translation>the same code has different region names</translation>
    </message>
    <message>
        <source>kolom wajib tidak ada</source>
        <translation>a required column is missing</translation>
    </message>
    <message>
        <source>sheet atau berkas wajib tidak ada</source>
        <translation>a required sheet or file is missing</translation>
    </message>
    <message>
        <source>angka negatif</source>
        <translation>negative number</translation>
    </message>
    <message>
        <source>tidak ada baris data</source>
        <translation>no data rows</translation>
    </message>
    <message>
        <source>bukan bilangan bulat</source>
        <translation>not a whole number</translation>
    </message>
    <message>
        <source>berkas tidak ditemukan</source>
        <translation>file not found</translation>
    </message>
    <message>
        <source>berkas bukan teks UTF-8; simpan sebagai CSV UTF-8</source>
        <translation>the file is not UTF-8 text; save it as CSV UTF-8</translation>
    </message>
    <message>
        <source>bukan buku kerja Excel (.xlsx)</source>
        <translation>not an Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>kode desa dari kabupaten lain; satu workspace memuat satu kabupaten</source>
        <translation>desa code of another kabupaten; a workspace holds one kabupaten</translation>
    </message>
    <message>
        <source>Sheet {sheet}</source>
        <translation>Sheet {sheet}</translation>
    </message>
    <message>
        <source>baris {row}</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <source>kolom {column}</source>
        <translation>column {column}</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <source>Frasa sandi salah: kunci tidak dapat dibuka. Periksa huruf besar/kecil.</source>
        <translation>Wrong passphrase: the key cannot be opened. Check upper and lower case.</translation>
    </message>
    <message>
        <source>Bundel ditolak: {reason}</source>
        <translation>Bundle refused: {reason}</translation>
    </message>
    <message>
        <source>Ditolak: workspace tidak lolos verifikasi audit (data diubah di luar aplikasi). Jalankan Verifikasi rantai di layar Audit. ({detail})</source>
        <translation>Refused: the workspace fails the audit verification (data changed outside the application). Run Verify chain on the Audit screen. ({detail})</translation>
    </message>
    <message>
        <source>Ruang di drive tujuan tidak cukup; berkas sebagian sudah dihapus. Pakai drive lain atau kosongkan ruang. ({detail})</source>
        <translation>Not enough space on the target drive; the partial file was deleted. Use another drive or free some space. ({detail})</translation>
    </message>
    <message>
        <source>Ekspor dibatalkan; berkas sebagian sudah dihapus.</source>
        <translation>Export cancelled; the partial file was deleted.</translation>
    </message>
    <message>
        <source>Ekspor gagal: {detail}</source>
        <translation>Export failed: {detail}</translation>
    </message>
    <message>
        <source>Berkas kunci atau sertifikat tidak cocok: {detail}</source>
        <translation>The key or certificate files do not match: {detail}</translation>
    </message>
    <message>
        <source>Berkas tidak ditemukan: {detail}</source>
        <translation>File not found: {detail}</translation>
    </message>
    <message>
        <source>Peran Anda tidak boleh melakukan ini: {detail}</source>
        <translation>Your role may not do this: {detail}</translation>
    </message>
    <message>
        <source>Ditolak: {detail}</source>
        <translation>Refused: {detail}</translation>
    </message>
    <message>
        <source>Tidak dapat dilakukan: {detail}</source>
        <translation>Cannot be done: {detail}</translation>
    </message>
    <message>
        <source>Berkas tidak dapat dibaca atau ditulis: {detail}</source>
        <translation>The file cannot be read or written: {detail}</translation>
    </message>
    <message>
        <source>Kesalahan program: {detail}</source>
        <translation>Program error: {detail}</translation>
    </message>
    <message>
        <source>Kedua frasa sandi berbeda; ketik ulang.</source>
        <translation>The two passphrases differ; type them again.</translation>
    </message>
    <message>
        <source>Frasa sandi minimal {n} karakter.</source>
        <translation>The passphrase needs at least {n} characters.</translation>
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <source>Workspace {path} dibuat oleh versi kamarhitung yang lebih baru. Perbarui aplikasi untuk membukanya.</source>
        <translation>Workspace {path} was made by a newer version of kamarhitung. Update the application to open it.</translation>
    </message>
    <message>
        <source>Folder {path} tidak ada (lagi).</source>
        <translation>Folder {path} does not exist (any more).</translation>
    </message>
    <message>
        <source>Folder {path} bukan workspace kamarhitung.</source>
        <translation>Folder {path} is not a kamarhitung workspace.</translation>
    </message>
    <message>
        <source>Workspace {path} tidak dapat dibuka: {detail}</source>
        <translation>Workspace {path} cannot be opened: {detail}</translation>
    </message>
    <message>
        <source>Membaca buku induk…</source>
        <translation>Reading the master workbook…</translation>
    </message>
    <message>
        <source>Membuat workspace…</source>
        <translation>Creating the workspace…</translation>
    </message>
</context>
<context>
    <name>refusal</name>
    <message>
        <source>Entri {index} bukan sebuah objek JSON.</source>
        <translation>Entry {index} is not a JSON object.</translation>
    </message>
    <message>
        <source>Pengguna {user} ({role}) tidak boleh melakukan ini: perlu peran {needs}.</source>
        <translation>User {user} ({role}) may not do this: it needs the role {needs}.</translation>
    </message>
    <message>
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal.</source>
        <translation>The account is locked for a while after too many failed log-ins.</translation>
    </message>
    <message>
        <source>Nama pengguna atau kata sandi salah, atau akun terkunci atau dinonaktifkan (admin dapat memeriksanya).</source>
        <translation>Wrong user name or password, or the account is locked or disabled (an admin can check).</translation>
    </message>
    <message>
        <source>Nama pengguna {name}: hanya huruf a-z, angka, &apos;.&apos;, &apos;-&apos; dan &apos;_&apos; (paling banyak {max}; huruf dari aksara lain ditolak karena mirip).</source>
        <translation>User name {name}: letters a-z, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos; only (at most {max}; letters of other scripts are refused as look-alikes).</translation>
    </message>
    <message>
        <source>Tidak ada pengguna {user}.</source>
        <translation>No user {user}.</translation>
    </message>
    <message>
        <source>Anda tidak dapat menonaktifkan akun Anda sendiri.</source>
        <translation>You cannot disable your own account.</translation>
    </message>
    <message>
        <source>{user} adalah admin aktif terakhir.</source>
        <translation>{user} is the last active admin.</translation>
    </message>
    <message>
        <source>Pengguna {user} sudah aktif.</source>
        <translation>User {user} is already active.</translation>
    </message>
    <message>
        <source>Pengguna {user} sudah nonaktif.</source>
        <translation>User {user} is already disabled.</translation>
    </message>
    <message>
        <source>Akun {user} tidak cocok dengan catatan auditnya (peran, kata sandi, atau statusnya diubah di luar aplikasi); jalankan verifikasi audit.</source>
        <translation>Account {user} does not match its audit record (its role, password or state was changed outside the application); run the audit verification.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: entri {slot} tidak punya versi selesai yang tercatat: basis data diubah di luar aplikasi; jalankan verifikasi audit.</source>
        <translation>TPS {tps} {contest}: entry {slot} has no recorded finished version: the database was changed outside the application; run the audit verification.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: versi tercatat entri {slot} diubah setelah ditulis; jalankan verifikasi audit.</source>
        <translation>TPS {tps} {contest}: the recorded version of entry {slot} was changed after it was written; run the audit verification.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: entri {slot} diubah di luar aplikasi setelah selesai (berbeda dari versi yang tercatat); jalankan verifikasi audit.</source>
        <translation>TPS {tps} {contest}: entry {slot} was changed outside the application after it was finished (it differs from its recorded version); run the audit verification.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: versi entri {slot} tidak dicatat peristiwa audit mana pun (disisipkan di luar aplikasi); jalankan verifikasi audit.</source>
        <translation>TPS {tps} {contest}: no audit event recorded the version of entry {slot} (inserted outside the application); run the audit verification.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} berstatus {state} tanpa dua entri selesai: statusnya diubah di luar aplikasi; jalankan verifikasi audit.</source>
        <translation>TPS {tps} {contest} is {state} without two finished entries: its state was changed outside the application; run the audit verification.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} berstatus {state}, padahal entri yang tercatat menjadikannya {derived}: statusnya diubah di luar aplikasi; jalankan verifikasi audit.</source>
        <translation>TPS {tps} {contest} is {state}, but its recorded entries make it {derived}: its state was changed outside the application; run the audit verification.</translation>
    </message>
    <message>
        <source>Rekaman final {target} tidak cocok dengan catatan auditnya (diubah di luar aplikasi); jalankan verifikasi audit.</source>
        <translation>Final record {target} does not match its audit record (changed outside the application); run the audit verification.</translation>
    </message>
    <message>
        <source>Finalisasi {region} ({contest}) tidak cocok dengan peristiwa audit mana pun: dibuat di luar aplikasi; jalankan verifikasi audit.</source>
        <translation>The finalisation of {region} ({contest}) matches no audit event: it was made outside the application; run the audit verification.</translation>
    </message>
    <message>
        <source>Penandatanganan ditolak: workspace tidak lolos verifikasi audit: {problem}{more}</source>
        <translation>Signing refused: the workspace fails the audit verification: {problem}{more}</translation>
    </message>
    <message>
        <source>Penandatanganan set laporan ditolak: workspace tidak lolos verifikasi audit: {problem}{more}</source>
        <translation>Signing the report set refused: the workspace fails the audit verification: {problem}{more}</translation>
    </message>
    <message>
        <source>Ekspor bundel ditolak: workspace tidak lolos verifikasi audit: {problem}{more}</source>
        <translation>Bundle export refused: the workspace fails the audit verification: {problem}{more}</translation>
    </message>
    <message>
        <source>Finalisasi {region} ditolak: workspace tidak lolos verifikasi audit: {problem}{more}</source>
        <translation>Finalising {region} refused: the workspace fails the audit verification: {problem}{more}</translation>
    </message>
    <message>
        <source>Kepala rantai {head} tidak berbentuk SEQ:HASH (nomor peristiwa, titik dua, dan paling sedikit {min} karakter heksadesimal hash-nya).</source>
        <translation>Chain head {head} is not SEQ:HASH (the event number, a colon, and at least {min} hex characters of its hash).</translation>
    </message>
    <message>
        <source>{file} bukan cadangan kamarhitung ({detail}).</source>
        <translation>{file} is not a kamarhitung backup ({detail}).</translation>
    </message>
    <message>
        <source>{file} adalah cadangan kabupaten {theirs}, sedangkan {folder} berisi kabupaten {mine}: tidak ada yang dipulihkan.</source>
        <translation>{file} is a backup of kabupaten {theirs}, but {folder} holds kabupaten {mine}: nothing was restored.</translation>
    </message>
    <message>
        <source>{file} tidak lolos verifikasi audit: {problem}</source>
        <translation>{file} fails the audit verification: {problem}</translation>
    </message>
    <message>
        <source>{path} sudah berisi workspace.</source>
        <translation>{path} already holds a workspace.</translation>
    </message>
    <message>
        <source>{path} adalah berkas, bukan folder.</source>
        <translation>{path} is a file, not a folder.</translation>
    </message>
    <message>
        <source>Drive {folder} penuh: berkas bundel tidak dapat disiapkan di sana; kosongkan ruang lalu ekspor lagi (tidak ada yang ditulis).</source>
        <translation>The drive of {folder} is full: the bundle&apos;s files cannot be staged there; free some space and export again (nothing was written).</translation>
    </message>
    <message>
        <source>Menyiapkan bundel di {folder} gagal ({detail}); tidak ada yang ditulis.</source>
        <translation>Staging the bundle in {folder} failed ({detail}); nothing was written.</translation>
    </message>
    <message>
        <source>Kata sandi harus paling sedikit {min} karakter.</source>
        <translation>The password must have at least {min} characters.</translation>
    </message>
    <message>
        <source>Kata sandi tidak boleh sama dengan nama pengguna.</source>
        <translation>The password must not be the user name.</translation>
    </message>
    <message>
        <source>Kata sandi harus berisi huruf dan angka.</source>
        <translation>The password must contain a letter and a digit.</translation>
    </message>
    <message>
        <source>Pengguna {user} sudah ada.</source>
        <translation>User {user} already exists.</translation>
    </message>
    <message>
        <source>Workspace ini sudah punya pengguna; admin yang menambahkan yang lain.</source>
        <translation>The workspace already has users; an admin adds the others.</translation>
    </message>
    <message>
        <source>{file}: berkas cadangan tidak ada.</source>
        <translation>{file}: no such backup file.</translation>
    </message>
    <message>
        <source>{folder} adalah ruangan atau stasiun: pulihkan cadangan ke folder baru, lalu jadikan folder itu tuan rumah ruangan.</source>
        <translation>{folder} is a room or a station: restore the backup into a new folder, then make that folder the room host.</translation>
    </message>
    <message>
        <source>{file}: rantai auditnya putus ({reason}).</source>
        <translation>{file}: its audit chain is broken ({reason}).</translation>
    </message>
    <message>
        <source>Cadangan {file} gagal pemeriksaan keutuhannya: {detail}</source>
        <translation>The backup {file} failed its integrity check: {detail}</translation>
    </message>
    <message>
        <source>Tidak ada cadangan yang ditulis ke {folder}: {detail}</source>
        <translation>No backup was written to {folder}: {detail}</translation>
    </message>
    <message>
        <source>CRL yang diberikan (nomor {given}, terbit {given_at}) lebih lama daripada yang disimpan provinsi (nomor {kept}, terbit {kept_at}): CRL tidak pernah mundur.</source>
        <translation>The CRL given (number {given}, issued {given_at}) is older than the one the province keeps (number {kept}, issued {kept_at}): a CRL never goes back.</translation>
    </message>
    <message>
        <source>Basis data ruangan di {host}:{port} tidak dapat dihubungi dari {path}: {detail}</source>
        <translation>The room&apos;s database at {host}:{port} cannot be reached from {path}: {detail}</translation>
    </message>
    <message>
        <source>Ruangan di {host}:{port} ditulis oleh versi kamarhitung yang lebih baru (skema {schema}); perbarui aplikasi di PC ini.</source>
        <translation>The room at {host}:{port} was written by a newer version of kamarhitung (schema {schema}); update the application on this PC.</translation>
    </message>
    <message>
        <source>Ruangan di {host}:{port} memakai skema {schema}, aplikasi ini {head}: buka dulu ruangan di tuan rumahnya dengan versi ini.</source>
        <translation>The room at {host}:{port} has schema {schema}, this application {head}: open the room on its host with this version first.</translation>
    </message>
    <message>
        <source>--listen 0.0.0.0 mendengarkan di semua jaringan: berikan alamat ruangan, atau --allow.</source>
        <translation>--listen 0.0.0.0 listens everywhere: give the room&apos;s address, or --allow.</translation>
    </message>
    <message>
        <source>--listen {listen} bukan alamat IP PC ini.</source>
        <translation>--listen {listen} is not an IP address of this PC.</translation>
    </message>
    <message>
        <source>Basis data ruangan: {detail}</source>
        <translation>The room&apos;s database: {detail}</translation>
    </message>
    <message>
        <source>{path} adalah stasiun ruangan lain; folder ini tidak dapat menjadi tuan rumah.</source>
        <translation>{path} is a station of another room; it cannot host one.</translation>
    </message>
    <message>
        <source>Rantai audit {path} rusak ({reason}); tidak ada yang dipindahkan.</source>
        <translation>The audit chain of {path} is broken ({reason}); nothing was moved.</translation>
    </message>
    <message>
        <source>Rantai audit tidak utuh setelah pemindahan ({reason}); tidak ada yang dipindahkan.</source>
        <translation>The audit chain did not survive the move ({reason}); nothing was moved.</translation>
    </message>
    <message>
        <source>Ruangan tidak mulai; lihat {log}.</source>
        <translation>The room did not start; see {log}.</translation>
    </message>
    <message>
        <source>Ruangan tidak terbuka dalam {seconds} detik.</source>
        <translation>The room did not open within {seconds} s.</translation>
    </message>
    <message>
        <source>{path} bukan tuan rumah ruangan: jalankan dulu `kamarhitung room host` di sana.</source>
        <translation>{path} is not a room host: run `kamarhitung room host` there first.</translation>
    </message>
    <message>
        <source>{path} sudah berisi workspace atau stasiun.</source>
        <translation>{path} already holds a workspace or a station.</translation>
    </message>
    <message>
        <source>Kode gabung tidak sah: {letter} tidak pernah ada dalam kode gabung</source>
        <translation>This join code is not valid: {letter} never occurs in a join code</translation>
    </message>
    <message>
        <source>Kode gabung tidak sah: kode terdiri dari enam kelompok empat huruf dan angka</source>
        <translation>This join code is not valid: it has six groups of four letters and digits</translation>
    </message>
    <message>
        <source>Kode gabung salah, sudah dipakai, atau kedaluwarsa; minta kode baru kepada host</source>
        <translation>This join code is wrong, already used or expired; ask the host for a new one</translation>
    </message>
    <message>
        <source>Kode gabung ini sedang dipakai oleh stasiun lain</source>
        <translation>This join code is being used by another station right now</translation>
    </message>
    <message>
        <source>{name} bukan nama yang sah (huruf kecil, angka, dan _ saja)</source>
        <translation>{name} is not a valid name (lower-case letters, digits, _)</translation>
    </message>
    <message>
        <source>Ruangan di {host}:{port} tidak dapat dihubungi: {detail}</source>
        <translation>Cannot reach a room at {host}:{port}: {detail}</translation>
    </message>
    <message>
        <source>Tuan rumah di {host}:{port} bukan ruangan untuk kode ini (sertifikatnya tidak cocok); tidak ada yang digabungkan.</source>
        <translation>The host at {host}:{port} is not the room this code was made for (its certificate does not match); nothing was joined.</translation>
    </message>
    <message>
        <source>Ruangan menolak kode: {detail}</source>
        <translation>The room refused the code: {detail}</translation>
    </message>
    <message>
        <source>{path} bukan ruangan (sudah berupa workspace SQLite).</source>
        <translation>{path} is not a room (it is already a SQLite workspace).</translation>
    </message>
    <message>
        <source>Rantai audit hasil ekspor rusak ({reason}).</source>
        <translation>The exported audit chain is broken ({reason}).</translation>
    </message>
    <message>
        <source>Basis data {path} rusak ({detail}). Pulihkan cadangan terakhir: {backup}.</source>
        <translation>The database of {path} is damaged ({detail}); restore the latest backup with: kamarhitung restore {backup} {path}.</translation>
    </message>
    <message>
        <source>Basis data {path} rusak ({detail}). Tidak ada cadangan di folder backups-nya.</source>
        <translation>The database of {path} is damaged ({detail}); no backup was found in its backups folder.</translation>
    </message>
    <message>
        <source>{path} sudah dibuka di jendela kamarhitung lain ({holder}).</source>
        <translation>{path} is already open in another kamarhitung window ({holder}).</translation>
    </message>
    <message>
        <source>Aplikasi ini rusak: migrasi skemanya punya {count} ujung ({heads}). Pasang ulang aplikasi.</source>
        <translation>The shipped migrations have {count} heads: {heads}.</translation>
    </message>
    <message>
        <source>{path} bukan workspace kamarhitung (tidak ada {db}).</source>
        <translation>{path} is not a kamarhitung workspace (no {db}).</translation>
    </message>
    <message>
        <source>{db} ditulis oleh versi kamarhitung yang lebih baru (skema {schema}). Perbarui aplikasi untuk membukanya.</source>
        <translation>{db} was written by a newer version of kamarhitung (schema {schema}); update the application to open it.</translation>
    </message>
    <message>
        <source>{path} perlu pembaruan skema tetapi hanya dapat dibaca. Buka di tempat yang dapat ditulisi.</source>
        <translation>{path} needs a schema upgrade but is read-only; open it where it can be written.</translation>
    </message>
    <message>
        <source>{db} punya {count} versi skema: basis data diubah secara manual.</source>
        <translation>{db} has {count} schema versions; it was edited by hand.</translation>
    </message>
    <message>
        <source>{path} dibuka hanya-baca: tidak ada yang dapat diubah.</source>
        <translation>{path} is open read-only: nothing can be changed.</translation>
    </message>
    <message>
        <source>Disk tempat {path} penuh: tindakan ini tidak disimpan sama sekali. Kosongkan ruang lalu coba lagi.</source>
        <translation>The disk holding {path} is full: nothing of this action was saved; free some space and try again.</translation>
    </message>
    <message>
        <source>{path} tidak dapat ditulisi (hanya-baca): tidak ada yang disimpan.</source>
        <translation>{path} cannot be written (read-only): nothing was saved.</translation>
    </message>
    <message>
        <source>Frasa sandi kunci paling sedikit {min} karakter.</source>
        <translation>A key passphrase needs at least {min} characters.</translation>
    </message>
    <message>
        <source>{file} bukan berkas terenkripsi age.</source>
        <translation>{file} is not an age-encrypted file.</translation>
    </message>
    <message>
        <source>{file} terlalu besar untuk berkas kunci.</source>
        <translation>{file} is too large to be a wrapped key.</translation>
    </message>
    <message>
        <source>Frasa sandi salah untuk {file}: kunci tidak dapat dibuka. Periksa huruf besar/kecil.</source>
        <translation>Wrong passphrase for {file}.</translation>
    </message>
    <message>
        <source>{file} rusak atau bukan berkas kunci yang dilindungi frasa sandi.</source>
        <translation>{file} is damaged or not a passphrase-wrapped age file.</translation>
    </message>
    <message>
        <source>{file} tidak berisi kunci privat (PKCS#8).</source>
        <translation>{file} does not hold a PKCS#8 private key.</translation>
    </message>
    <message>
        <source>{file} bukan kunci ECDSA P-256.</source>
        <translation>{file} is not an ECDSA P-256 key.</translation>
    </message>
    <message>
        <source>{file} tidak ditandatangani oleh CA provinsi.</source>
        <translation>{file} is not signed by the CA.</translation>
    </message>
    <message>
        <source>{file} bukan sertifikat X.509 (PEM atau DER).</source>
        <translation>{file} is not an X.509 certificate (PEM or DER).</translation>
    </message>
    <message>
        <source>Formulir tidak dapat berpindah dari status {old} ke {new}.</source>
        <translation>A form cannot go from {old} to {new}.</translation>
    </message>
    <message>
        <source>Wilayah {region} bukan kode kecamatan (6 digit) atau kabupaten (4 digit).</source>
        <translation>Region {region} is not a kecamatan (6 digits) or the kabupaten (4 digits).</translation>
    </message>
    <message>
        <source>Tidak ada {level} {region} di workspace ini.</source>
        <translation>No {level} {region} in this workspace.</translation>
    </message>
    <message>
        <source>{level} {region} sudah difinalisasi untuk {contest}.</source>
        <translation>{level} {region} is already finalised for {contest}.</translation>
    </message>
    <message>
        <source>Kecamatan {region} masih punya {count} TPS yang belum final untuk {contest} (yang pertama: {first}). Semua TPS harus final sebelum kecamatan difinalisasi.</source>
        <translation>Kecamatan {region} has {count} TPS not final for {contest} (first: {first}); every TPS must be final before finalising.</translation>
    </message>
    <message>
        <source>{count} kecamatan belum difinalisasi untuk {contest} (yang pertama: {first}). Finalisasi semua kecamatan sebelum kabupaten.</source>
        <translation>{count} kecamatan are not finalised for {contest} (first: {first}); finalise every kecamatan before the kabupaten.</translation>
    </message>
    <message>
        <source>Membuka kembali wilayah yang sudah final memerlukan alasan.</source>
        <translation>Reopening a finalised region needs a reason.</translation>
    </message>
    <message>
        <source>{level} {region} belum difinalisasi untuk {contest}.</source>
        <translation>{level} {region} is not finalised for {contest}.</translation>
    </message>
    <message>
        <source>Kabupaten sudah difinalisasi untuk {contest}: buka kembali kabupaten sebelum kecamatan {region}.</source>
        <translation>The kabupaten is finalised for {contest}: reopen it before kecamatan {region}.</translation>
    </message>
    <message>
        <source>Nilai {value} tidak dikenal; pilihan yang ada: {allowed}.</source>
        <translation>{what} {value!r} is not one of: {allowed}.</translation>
    </message>
    <message>
        <source>Tingkat laporan adalah kecamatan atau kabupaten, bukan {level}.</source>
        <translation>A report&apos;s level is kecamatan or kabupaten, not {level!r}.</translation>
    </message>
    <message>
        <source>Wilayah {region} bukan kabupaten workspace ini ({kabupaten}).</source>
        <translation>Region {region} is not this workspace&apos;s kabupaten ({kabupaten}).</translation>
    </message>
    <message>
        <source>Laporan kecamatan memerlukan kode kecamatan.</source>
        <translation>A kecamatan report needs the kecamatan&apos;s code (--region).</translation>
    </message>
    <message>
        <source>Wilayah {region} bukan kode kecamatan (6 digit, misalnya 35.78.01).</source>
        <translation>Region {region} is not a kecamatan code (6 digits, e.g. 35.78.01).</translation>
    </message>
    <message>
        <source>Data {level} {region} berubah setelah difinalisasi (sidik jari {fingerprint}… saat finalisasi). Buka kembali lalu finalisasi ulang.</source>
        <translation>The data of {level} {region} changed after it was finalised (fingerprint {fingerprint}… at finalisation); reopen and finalise it again.</translation>
    </message>
    <message>
        <source>{path} tidak dapat ditulis ({reason}).</source>
        <translation>{path}: cannot write ({reason}).</translation>
    </message>
    <message>
        <source>Laporan ini sudah ditandatangani.</source>
        <translation>This report is already signed.</translation>
    </message>
    <message>
        <source>Penandatanganan memerlukan frasa sandi kunci.</source>
        <translation>Signing needs the key&apos;s passphrase.</translation>
    </message>
    <message>
        <source>TPS {tps} tidak dikenal.</source>
        <translation>Unknown TPS {tps}.</translation>
    </message>
    <message>
        <source>Pemilihan {contest} tidak dikenal untuk TPS {tps}.</source>
        <translation>Unknown contest {contest!r} for TPS {tps}.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: Anda sudah membuat entri pertama; entri kedua harus dibuat operator lain.</source>
        <translation>TPS {tps} {contest}: you made the first entry; the second must be made by another operator.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} berstatus {state}: tidak perlu entri sekarang.</source>
        <translation>TPS {tps} {contest} is {state}: it needs no entry now.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} sedang diketik oleh {user}.</source>
        <translation>TPS {tps} {contest} is being keyed by {user}.</translation>
    </message>
    <message>
        <source>Isian {field} tidak tercetak di formulir {form}, formulir pemilihan ini.</source>
        <translation>Field {field!r} is not printed on {form}, the form of this contest.</translation>
    </message>
    <message>
        <source>Isian {field}: {value} bukan bilangan bulat.</source>
        <translation>Field {field}: {value} is not a whole number.</translation>
    </message>
    <message>
        <source>Isian {field}: {value} di luar rentang 0 sampai {max}.</source>
        <translation>Field {field}: {value} is outside 0..{max}.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: Anda tidak sedang memegang entri formulir ini.</source>
        <translation>TPS {tps} {contest}: you hold no entry of this form.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: {count} isian belum diketik (yang pertama: {first}). Ketik isian itu atau laporkan masalah.</source>
        <translation>TPS {tps} {contest}: {count} fields not keyed (first: {first}); key them or raise a problem.</translation>
    </message>
    <message>
        <source>Entri memerlukan &quot;tps&quot; dan &quot;contest&quot; berupa teks.</source>
        <translation>An entry needs &quot;tps&quot; and &quot;contest&quot; as strings.</translation>
    </message>
    <message>
        <source>Entri: &quot;values&quot; harus objek dan &quot;problems&quot; harus daftar.</source>
        <translation>&quot;values&quot; must be an object and &quot;problems&quot; a list.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: tidak ada yang sedang memegang entri formulir ini.</source>
        <translation>TPS {tps} {contest}: nobody holds an entry of this form.</translation>
    </message>
    <message>
        <source>Penyelesaian selisih memerlukan alasan.</source>
        <translation>A resolution needs a reason.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} berstatus {state}, bukan {expected}.</source>
        <translation>TPS {tps} {contest} is {state}, not {expected}.</translation>
    </message>
    <message>
        <source>Belum ada keputusan untuk {count} isian yang berbeda (yang pertama: {first}).</source>
        <translation>No decision for {count} differing fields (first: {first}).</translation>
    </message>
    <message>
        <source>Keputusan {decision} untuk {field} tidak dikenal.</source>
        <translation>Unknown decision {decision!r} for {field}.</translation>
    </message>
    <message>
        <source>Isian {field}: keputusan ini tidak menghasilkan nilai yang sah.</source>
        <translation>Field {field}: the decision leaves no valid value.</translation>
    </message>
    <message>
        <source>Isian {field}: atribusi {value} bukan first/second/both/form.</source>
        <translation>Field {field}: attribution {value!r} is not first/second/both/form.</translation>
    </message>
    <message>
        <source>Formulir hasil penyelesaian masih kurang {count} isian (yang pertama: {first}).</source>
        <translation>The resolved form still lacks {count} fields (first: {first}).</translation>
    </message>
    <message>
        <source>Formulir hasil penyelesaian gagal pemeriksaan {checks}: terima sebagai janggal dengan catatan, atau kembalikan.</source>
        <translation>The resolved form fails {checks}: accept it as janggal with a note, or send it back.</translation>
    </message>
    <message>
        <source>Menerima formulir janggal memerlukan catatan.</source>
        <translation>Accepting a janggal form needs a note.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: {count} isian tidak diketik (ada masalah yang dilaporkan). Kembalikan untuk diketik ulang.</source>
        <translation>TPS {tps} {contest}: {count} fields were not keyed (a problem was raised); send it back for re-keying instead.</translation>
    </message>
    <message>
        <source>Mengembalikan formulir memerlukan alasan.</source>
        <translation>Sending a form back needs a reason.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} berstatus {state}: tidak ada yang perlu dikembalikan.</source>
        <translation>TPS {tps} {contest} is {state}: nothing to send back.</translation>
    </message>
    <message>
        <source>Operator hanya boleh melihat entrinya sendiri.</source>
        <translation>Operators may not see entries other than their own.</translation>
    </message>
    <message>
        <source>Tidak ada pemilihan {contest} di workspace ini.</source>
        <translation>No contest {contest!r} in this workspace.</translation>
    </message>
    <message>
        <source>Tidak ada gambar formulir #{image}.</source>
        <translation>No form image #{image}.</translation>
    </message>
    <message>
        <source>Gambar yang belum ditetapkan tidak punya pemilihan: isi TPS, atau kosongkan pemilihan.</source>
        <translation>An unmatched image has no contest: give a TPS, or no contest.</translation>
    </message>
    <message>
        <source>TPS {tps} sudah memiliki gambar yang sama (gambar formulir #{image}).</source>
        <translation>TPS {tps} already has this image (form image #{image}).</translation>
    </message>
    <message>
        <source>Satu gambar disebut dua kali dalam urutan baru.</source>
        <translation>An image is given twice in the new order.</translation>
    </message>
    <message>
        <source>Gambar formulir {images} bukan gambar TPS {tps}.</source>
        <translation>Form image {images} is not an image of TPS {tps}.</translation>
    </message>
    <message>
        <source>Rekap memerlukan tepat satu kabupaten di workspace; ditemukan {count}.</source>
        <translation>A recap needs one kabupaten in the workspace, found {count}.</translation>
    </message>
    <message>
        <source>Ada rekaman untuk TPS {tps} yang tidak dikenal.</source>
        <translation>Record of unknown TPS {tps}.</translation>
    </message>
    <message>
        <source>Ada rekaman pemilihan {contest} dengan status yang tidak dikenal.</source>
        <translation>A record of contest {contest} has an unknown state.</translation>
    </message>
    <message>
        <source>Rekap xlsx memerlukan nama berkas tujuan.</source>
        <translation>An xlsx recap needs a file: give --out FILE.xlsx.</translation>
    </message>
    <message>
        <source>Rantai audit putus: {reason}</source>
        <translation>Audit chain broken: {reason}</translation>
    </message>
    <message>
        <source>peristiwa {missing} hilang sebelum peristiwa {seq}.</source>
        <translation>event {missing} is missing before event {seq}.</translation>
    </message>
    <message>
        <source>peristiwa {seq} tidak tersambung ke peristiwa sebelumnya.</source>
        <translation>event {seq} does not link to the event before it.</translation>
    </message>
    <message>
        <source>peristiwa {seq} diubah setelah ditulis.</source>
        <translation>event {seq} was changed after it was written.</translation>
    </message>
    <message>
        <source>Versi entri {id} (TPS {tps} {contest} entri {slot} v{version}) diubah setelah ditulis.</source>
        <translation>Entry version {id} (TPS {tps} {contest} slot {slot} v{version}) was changed after it was written.</translation>
    </message>
    <message>
        <source>Versi entri {id} (TPS {tps} {contest} entri {slot} v{version}) tidak punya peristiwa audit: disisipkan di luar aplikasi.</source>
        <translation>Entry version {id} (TPS {tps} {contest} slot {slot} v{version}) has no audit event: inserted outside the application.</translation>
    </message>
    <message>
        <source>Versi entri yang dicatat peristiwa audit {seq} hilang: dihapus di luar aplikasi.</source>
        <translation>The entry version recorded by audit event {seq} is missing: deleted outside the application.</translation>
    </message>
    <message>
        <source>Entri {slot} TPS {tps} {contest} berbeda dari versi yang dicatat: diubah di luar aplikasi.</source>
        <translation>Entry {slot} of TPS {tps} {contest} differs from its recorded version: changed outside the application.</translation>
    </message>
    <message>
        <source>Rekaman final {target} diubah setelah ditulis.</source>
        <translation>Final record {target} was changed after it was written.</translation>
    </message>
    <message>
        <source>Rekaman final {target} tidak punya peristiwa audit: difinalkan di luar aplikasi.</source>
        <translation>Final record {target} has no audit event: made final outside the application.</translation>
    </message>
    <message>
        <source>Rekaman final {target} tidak cocok dengan peristiwa audit {seq}.</source>
        <translation>Final record {target} does not match audit event {seq}.</translation>
    </message>
    <message>
        <source>Rekaman {target} final pada peristiwa audit {seq} tetapi kini {state}, tanpa peristiwa yang membukanya kembali.</source>
        <translation>Record {target} was final at audit event {seq} but is {state} now, with no event that reopened it.</translation>
    </message>
    <message>
        <source>Keputusan {id} (TPS {tps} {contest}) tidak cocok dengan peristiwa audit mana pun: diubah atau disisipkan di luar aplikasi.</source>
        <translation>Resolution {id} (TPS {tps} {contest}, {action}) matches no audit event: changed or inserted outside the application.</translation>
    </message>
    <message>
        <source>Keputusan yang dicatat peristiwa audit {seq} hilang atau diubah di luar aplikasi.</source>
        <translation>The resolution recorded by audit event {seq} is missing or was changed: edited or deleted outside the application.</translation>
    </message>
    <message>
        <source>Wilayah {target} tercatat final tanpa peristiwa audit: disisipkan di luar aplikasi.</source>
        <translation>Region {target} is marked finalised with no audit event that finalised it: inserted outside the application.</translation>
    </message>
    <message>
        <source>Finalisasi wilayah {target} tidak cocok dengan peristiwa audit {seq}.</source>
        <translation>The finalisation of region {target} does not match audit event {seq}.</translation>
    </message>
    <message>
        <source>Wilayah {target} difinalkan pada peristiwa audit {seq} tetapi kini tidak, tanpa peristiwa yang membukanya kembali.</source>
        <translation>Region {target} was finalised at audit event {seq} but is not now, with no event that reopened it.</translation>
    </message>
    <message>
        <source>Pengguna {user} tidak punya peristiwa audit: ditambahkan di luar aplikasi.</source>
        <translation>User {user} has no audit event: added outside the application.</translation>
    </message>
    <message>
        <source>Pengguna {user} tidak cocok dengan peristiwa audit {seq}: peran, kata sandi, atau statusnya diubah di luar aplikasi.</source>
        <translation>User {user} does not match audit event {seq}: its role, password hash or state was changed outside the application.</translation>
    </message>
    <message>
        <source>Pengguna {user} berperan {role}, padahal ditambahkan sebagai {was} (peristiwa audit {seq}).</source>
        <translation>User {user} is {role} but was added as {was} (audit event {seq}).</translation>
    </message>
    <message>
        <source>{file} bukan berkas yang dicatat peristiwa audit {seq}: diganti di luar aplikasi.</source>
        <translation>{file} is not the file recorded at audit event {seq}: replaced outside the application.</translation>
    </message>
    <message>
        <source>Rekaman final {target}: vektor rekapnya tidak cocok dengan nilainya (diubah manual).</source>
        <translation>Final record {target}: its recap vector does not match its values (edited by hand).</translation>
    </message>
    <message>
        <source>Rekaman {target} berstatus {state}, padahal entri yang dicatat menjadikannya {derived}: statusnya diubah di luar aplikasi.</source>
        <translation>Record {target} is {state}, but its recorded entries make it {derived}: its state was changed outside the application.</translation>
    </message>
    <message>
        <source>Kepala rantai 0 harus membawa hash genesis.</source>
        <translation>Head 0 must carry the genesis hash.</translation>
    </message>
    <message>
        <source>Rantai berakhir di peristiwa {last}, sebelum peristiwa {seq} pada kepala rantai yang diberikan: peristiwa di ujung jejak audit dipotong.</source>
        <translation>The chain ends at event {last}, before event {seq} of the head given: events were cut off the end of the trail.</translation>
    </message>
    <message>
        <source>Peristiwa {seq} ber-hash {hash}…, bukan kepala rantai yang diberikan ({given}…).</source>
        <translation>Event {seq} has hash {hash}…, not the head given ({given}…).</translation>
    </message>
    <message>
        <source>Sampel mutu {id} diubah setelah diundi.</source>
        <translation>Quality sample {id} was changed after it was drawn.</translation>
    </message>
    <message>
        <source>Sampel mutu {id} tidak punya peristiwa audit.</source>
        <translation>Quality sample {id} has no audit event.</translation>
    </message>
    <message>
        <source>Ketikan audit {id} (TPS {tps} {contest}) diubah setelah selesai.</source>
        <translation>Audit keying {id} (TPS {tps} {contest}) was changed after it was finished.</translation>
    </message>
    <message>
        <source>Ketikan audit {id} (TPS {tps} {contest}) tidak punya peristiwa audit.</source>
        <translation>Audit keying {id} (TPS {tps} {contest}) has no audit event.</translation>
    </message>
    <message>
        <source>Keputusan audit {id} (TPS {tps} {field}) tidak cocok dengan peristiwa auditnya.</source>
        <translation>Audit decision {id} (TPS {tps} {field}) does not match its audit event.</translation>
    </message>
    <message>
        <source>Target {target} tidak dapat dipakai ({detail}).</source>
        <translation>Target {target}: {detail}.</translation>
    </message>
    <message>
        <source>Benih undian kosong: ketik angka yang dibacakan di depan para saksi.</source>
        <translation>The seed is empty: type the numbers read aloud before the witnesses.</translation>
    </message>
    <message>
        <source>Benih undian lebih dari {max} karakter.</source>
        <translation>The seed is longer than {max} characters.</translation>
    </message>
    <message>
        <source>Isi jumlah formulir atau batas target, bukan keduanya.</source>
        <translation>Give either the number of forms or a target bound, not both.</translation>
    </message>
    <message>
        <source>Sampel berisi 1 sampai {max} formulir, bukan {forms}.</source>
        <translation>A sample has 1 to {max} forms, not {forms}.</translation>
    </message>
    <message>
        <source>{contest}: tidak ada lagi formulir final yang dapat diambil sebagai sampel ({final} final, {taken} sudah menjadi sampel).</source>
        <translation>{contest}: no final form is left to sample ({final} final, {taken} sampled already).</translation>
    </message>
    <message>
        <source>{contest}: diminta {forms} formulir, padahal hanya {available} formulir final yang belum menjadi sampel.</source>
        <translation>{contest}: {forms} forms asked for, but only {available} final forms are not sampled yet.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: Anda mengetik salah satu entri formulir ini; ketikan auditnya harus dibuat operator yang tidak mengetik kedua entrinya.</source>
        <translation>TPS {tps} {contest}: you keyed an entry of this form; its audit keying must be made by an operator who keyed neither entry.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} belum final: tidak ada yang diaudit.</source>
        <translation>TPS {tps} {contest} is not final: nothing to audit.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} sedang diketik untuk audit oleh {user}.</source>
        <translation>TPS {tps} {contest} is being keyed for the audit by {user}.</translation>
    </message>
    <message>
        <source>Keputusan memerlukan alasan.</source>
        <translation>A decision needs a reason.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} tidak termasuk sampel audit.</source>
        <translation>TPS {tps} {contest} is not in an audit sample.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: ketikan auditnya belum selesai.</source>
        <translation>TPS {tps} {contest}: its audit keying is not done.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: tidak ada perbedaan yang menunggu keputusan.</source>
        <translation>TPS {tps} {contest}: no difference waits.</translation>
    </message>
    <message>
        <source>Isian {field} bukan perbedaan yang menunggu keputusan.</source>
        <translation>Field {field} is not a difference waiting for a decision.</translation>
    </message>
    <message>
        <source>Belum ada nilai yang dibaca dari gambar untuk {count} isian yang berbeda (yang pertama: {first}).</source>
        <translation>No value read from the image for {count} differing fields (first: {first}).</translation>
    </message>
    <message>
        <source>TPS {tps} {contest} tidak lagi final.</source>
        <translation>TPS {tps} {contest} is no longer final.</translation>
    </message>
    <message>
        <source>Formulir yang dikoreksi gagal pemeriksaan {checks}: terima sebagai janggal dengan catatan, setelah setiap isian dicocokkan dengan gambar.</source>
        <translation>The corrected form fails {checks}: accept it as janggal with a note, after checking every field against the image.</translation>
    </message>
    <message>
        <source>{path} tidak dapat dibaca ({reason}).</source>
        <translation>{path}: cannot read ({reason}).</translation>
    </message>
    <message>
        <source>Pemetaan nomor paslon tidak dapat dipakai: {detail}</source>
        <translation>The candidate numbers cannot be used: {detail}.</translation>
    </message>
    <message>
        <source>Tidak ada berkas angka resmi yang diberikan (hanya berkas calon).</source>
        <translation>No file of official numbers was given (only candidate files).</translation>
    </message>
    <message>
        <source>Berkas angka resmi ditolak; tidak ada yang diimpor: {problems}{more}</source>
        <translation>{problems}{more}; nothing was imported.</translation>
    </message>
    <message>
        <source>{file}: TPS {tps} ({contest}) juga ada di {other}; tidak ada yang diimpor.</source>
        <translation>{file}: TPS {tps} ({contest}) is also in {other}; nothing was imported.</translation>
    </message>
    <message>
        <source>Sertifikat ini bukan sertifikat kunci penanda tangan.</source>
        <translation>The certificate is not the certificate of the signing key.</translation>
    </message>
    <message>
        <source>{cert} tidak diterbitkan oleh CA provinsi: tidak dapat menandatangani.</source>
        <translation>{cert} was not issued by the province&apos;s CA: it cannot sign.</translation>
    </message>
    <message>
        <source>{cert} tidak berlaku pada {at} UTC.</source>
        <translation>{cert} is not valid at {at} UTC.</translation>
    </message>
    <message>
        <source>{cert} sudah dicabut oleh provinsi.</source>
        <translation>{cert} is revoked by the province.</translation>
    </message>
    <message>
        <source>Laporan tidak punya kolom tanda tangan {field}.</source>
        <translation>The report has no {field!r} signature field.</translation>
    </message>
    <message>
        <source>Laporan tidak dapat ditandatangani: {detail}</source>
        <translation>The report could not be signed: {detail}.</translation>
    </message>
    <message>
        <source>Sertifikat CA (jangkar kepercayaan) tidak diberikan.</source>
        <translation>No trust anchor (CA certificate) was given.</translation>
    </message>
    <message>
        <source>Satu halaman memuat 1 sampai {max} peristiwa, bukan {limit}.</source>
        <translation>A page holds 1 to {max} events, not {limit}.</translation>
    </message>
    <message>
        <source>Tidak ada peristiwa audit {seq}.</source>
        <translation>No audit event {seq}.</translation>
    </message>
    <message>
        <source>{path} adalah folder: beri nama berkas yang akan ditulis.</source>
        <translation>{path} is a folder: name the file to write.</translation>
    </message>
    <message>
        <source>{path} sudah ada: pilih nama lain.</source>
        <translation>{path} already exists: choose another name.</translation>
    </message>
    <message>
        <source>{path} tidak ada.</source>
        <translation>{path} does not exist.</translation>
    </message>
    <message>
        <source>{path}: pemilihan {contest} diketik dengan templat formulir {template}, yang bukan formulir cetak 2024; entrinya tidak dapat dibaca sebagai formulir {form} tanpa ditafsirkan ulang, jadi workspace ini ditolak. Buka dengan versi aplikasi yang dipakai saat mengetiknya, atau ketik ulang pemilihan itu di workspace baru.</source>
        <translation>{path}: contest {contest!r} was keyed on the form template {template!r}, which is not the printed 2024 form (its rows I.A.2 to I.A.4, III.2 and the order of section II do not exist on it); its entries cannot be read as the printed form {form!r} without reinterpreting them, so this workspace is refused: open it with the version that keyed it, or key the contest again in a new workspace.</translation>
    </message>
    <message>
        <source>TPS {tps} {contest}: {level} {region} sudah difinalisasi; supervisor harus membukanya kembali, dengan alasan, sebelum rekamannya dapat diubah.</source>
        <translation>TPS {tps} {contest}: {level} {region} is finalised; a supervisor must reopen it, with a reason, before its records can change.</translation>
    </message>
    <message>
        <source>Pemungutan suara ulang memerlukan alasan.</source>
        <translation>A repeat vote needs a reason.</translation>
    </message>
    <message>
        <source>Pemungutan suara ulang memerlukan nomor keputusan yang memerintahkannya.</source>
        <translation>A repeat vote needs the reference of the decision that ordered it.</translation>
    </message>
    <message>
        <source>Kode kabupaten {code} bukan 4 digit.</source>
        <translation>Kabupaten code {code!r} is not 4 digits.</translation>
    </message>
    <message>
        <source>{file} bukan permintaan sertifikat (PEM atau DER).</source>
        <translation>{file} is not a certificate request (PEM or DER).</translation>
    </message>
    <message>
        <source>{file} tidak ditandatangani dengan kuncinya sendiri.</source>
        <translation>{file} is not signed by its own key.</translation>
    </message>
    <message>
        <source>Permintaan sertifikat tidak memuat kode kabupaten (OU=KAB-&lt;4 digit&gt;).</source>
        <translation>The request&apos;s subject has no OU=KAB-&lt;4-digit code&gt;.</translation>
    </message>
    <message>
        <source>Permintaan sertifikat tidak memuat nama kabupaten (O=&lt;nama&gt;).</source>
        <translation>The request&apos;s subject has no O=&lt;kabupaten name&gt;.</translation>
    </message>
    <message>
        <source>{file} berisi {count} sertifikat; seharusnya satu.</source>
        <translation>{file} holds {count} certificates; expected one.</translation>
    </message>
    <message>
        <source>{file} bukan daftar pencabutan sertifikat (CRL).</source>
        <translation>{file} is not a certificate revocation list.</translation>
    </message>
    <message>
        <source>{file} bukan sertifikat CA (tanpa CA:TRUE).</source>
        <translation>{file} is not a CA certificate (no CA:TRUE).</translation>
    </message>
    <message>
        <source>{file} tidak ditandatangani sendiri.</source>
        <translation>{file} is not self-signed.</translation>
    </message>
    <message>
        <source>{file} tidak terverifikasi dengan kuncinya sendiri.</source>
        <translation>{file} does not verify with its own key.</translation>
    </message>
    <message>
        <source>{file}: bukan identitas age X25519 (AGE-SECRET-KEY-1…).</source>
        <translation>{file}: not an age X25519 identity (AGE-SECRET-KEY-1…)</translation>
    </message>
    <message>
        <source>{file} tidak berisi identitas age.</source>
        <translation>{file} holds no age identity.</translation>
    </message>
    <message>
        <source>{file}: bukan penerima age X25519 (age1…).</source>
        <translation>{file}: not an age X25519 recipient (age1…)</translation>
    </message>
    <message>
        <source>{file} tidak berisi penerima age.</source>
        <translation>{file} holds no age recipient.</translation>
    </message>
    <message>
        <source>--paper {text}: ketik dua kelompok empat karakter heksadesimal dari sidik data yang tercetak, dipisah koma (7f3a,91c2: kelompok 1 dan 2), masing-masing boleh didahului posisinya (5:7f3a,12:91c2).</source>
        <translation>--paper {text}: type two groups of four hex digits from the printed fingerprint, separated by a comma (7f3a,91c2: groups 1 and 2), each optionally after its position (5:7f3a,12:91c2).</translation>
    </message>
    <message>
        <source>{file}: kelompok {a} dan {b} yang diketik dari kertas tidak cocok dengan sidik data bundel ({contest}). Kertas dan berkas tidak berasal dari data yang sama; tidak ada yang diimpor.</source>
        <translation>{file}: groups {a} and {b} typed from the paper do not match the bundle&apos;s fingerprints ({contest}). The paper and the file do not come from the same data; nothing was imported.</translation>
    </message>
    <message>
        <source>{file}: bundel tidak memuat pemilihan {contest} (isinya {contests}).</source>
        <translation>{file}: the bundle holds no contest {contest} (it holds {contests}).</translation>
    </message>
    <message>
        <source>--paper mencocokkan satu bundel dengan kertas kabupatennya: berikan satu berkas, bukan {count}.</source>
        <translation>--paper checks one bundle against its kabupaten&apos;s paper: give one file, not {count}.</translation>
    </message>
    <message>
        <source>{folder} sudah berisi CA provinsi ({file}); tidak ada yang diubah.</source>
        <translation>{folder} already holds a province CA ({file}); nothing was changed.</translation>
    </message>
    <message>
        <source>{key} bukan kunci dari {cert}.</source>
        <translation>{key} is not the key of {cert}.</translation>
    </message>
    <message>
        <source>Sertifikat berlaku 1 sampai 3.660 hari, bukan {days}.</source>
        <translation>A certificate is valid for 1 to 3,660 days, not {days}.</translation>
    </message>
    <message>
        <source>{cert} tidak diterbitkan oleh CA ini.</source>
        <translation>{cert} was not issued by this CA.</translation>
    </message>
    <message>
        <source>{target} bukan berkas sertifikat dan bukan nomor seri.</source>
        <translation>{target} is neither a certificate file nor a serial.</translation>
    </message>
    <message>
        <source>Sertifikat nomor seri {serial} sudah dicabut.</source>
        <translation>Certificate serial {serial} is already revoked.</translation>
    </message>
    <message>
        <source>{folder} sudah berisi workspace.</source>
        <translation>{folder} already holds a workspace.</translation>
    </message>
    <message>
        <source>{folder} adalah workspace {kind}, bukan workspace provinsi.</source>
        <translation>{folder} is a {kind} workspace, not a province workspace.</translation>
    </message>
    <message>
        <source>Tingkat {level} bukan salah satu dari: {levels}.</source>
        <translation>Level {level} is not one of: {levels}.</translation>
    </message>
    <message>
        <source>Tidak ada bundel impor yang memuat pemilihan {contest}.</source>
        <translation>No imported bundle holds contest {contest}.</translation>
    </message>
    <message>
        <source>Format {format} bukan salah satu dari: json, csv, xlsx.</source>
        <translation>Format {format} is not one of: json, csv, xlsx.</translation>
    </message>
    <message>
        <source>Rekap xlsx perlu berkas: beri --out BERKAS.xlsx.</source>
        <translation>An xlsx recap needs a file: give --out FILE.xlsx.</translation>
    </message>
    <message>
        <source>Perintah ini perlu --user NAMA.</source>
        <translation>This command needs --user NAME.</translation>
    </message>
    <message>
        <source>Tidak ada kata sandi: isi {env} atau jalankan di terminal.</source>
        <translation>No password: set {env} or run in a terminal.</translation>
    </message>
    <message>
        <source>Tidak ada frasa sandi untuk {what}: isi {env} atau jalankan di terminal.</source>
        <translation>No passphrase for {what}: set {env} or run in a terminal.</translation>
    </message>
    <message>
        <source>Kedua frasa sandi untuk {what} berbeda.</source>
        <translation>The two passphrases for {what} differ.</translation>
    </message>
    <message>
        <source>{file}: {what} tidak dapat dibaca ({reason}).</source>
        <translation>{file}: cannot read {what} ({reason}).</translation>
    </message>
    <message>
        <source>{file}: terlalu besar untuk {what}.</source>
        <translation>{file}: too large for {what}.</translation>
    </message>
    <message>
        <source>{file} sudah ada.</source>
        <translation>{file} already exists.</translation>
    </message>
    <message>
        <source>{file} tidak ada.</source>
        <translation>{file} does not exist.</translation>
    </message>
    <message>
        <source>{file} tidak dapat dibaca ({reason}).</source>
        <translation>{file} cannot be read ({reason})</translation>
    </message>
    <message>
        <source>{file} terlalu besar untuk sebuah berkas kunci.</source>
        <translation>{file} is too large for a key file.</translation>
    </message>
    <message>
        <source>{path} adalah workspace {kind}, bukan workspace kabupaten.</source>
        <translation>{path} is a {kind} workspace, not a kabupaten&apos;s.</translation>
    </message>
    <message>
        <source>{file} sudah ada: kunci baru memerlukan sertifikat baru (pakai --replace).</source>
        <translation>{file} already exists: a new key needs a new certificate (use --replace)</translation>
    </message>
    <message>
        <source>{folder} belum berisi kunci: buat kunci dulu (kamarhitung keys generate).</source>
        <translation>{folder} holds no key yet: run `kamarhitung keys generate` first.</translation>
    </message>
    <message>
        <source>Sertifikat ini bukan untuk kunci workspace ini (keys/key.age).</source>
        <translation>The certificate is not for this workspace&apos;s key (keys/key.age)</translation>
    </message>
    <message>
        <source>Sertifikat ini tidak diterbitkan oleh sertifikat CA tersebut.</source>
        <translation>The certificate was not issued by that CA certificate.</translation>
    </message>
    <message>
        <source>Sertifikat ini untuk {cert}, bukan untuk kabupaten {code}.</source>
        <translation>The certificate is for {cert}, not for kabupaten {code}.</translation>
    </message>
    <message>
        <source>Sertifikat ini kedaluwarsa pada {date}.</source>
        <translation>The certificate expired on {date}.</translation>
    </message>
    <message>
        <source>Sertifikat {cert} dicabut dalam CRL tersebut.</source>
        <translation>The certificate {cert} is revoked in that CRL.</translation>
    </message>
    <message>
        <source>{file} tidak ada: buat kunci dulu (kamarhitung keys generate).</source>
        <translation>{file} does not exist: run `kamarhitung keys generate`.</translation>
    </message>
    <message>
        <source>{file} tidak ada: pasang berkas dari provinsi dulu (kamarhitung keys install).</source>
        <translation>{file} does not exist: install the province&apos;s files with `kamarhitung keys install`.</translation>
    </message>
    <message>
        <source>{cert} bukan sertifikat dari {key}.</source>
        <translation>{cert} is not the certificate of {key}.</translation>
    </message>
    <message>
        <source>{cert} tidak diterbitkan oleh {ca}.</source>
        <translation>{cert} was not issued by {ca}.</translation>
    </message>
    <message>
        <source>{file} untuk {cert}, bukan untuk kabupaten {code}.</source>
        <translation>{file} is for {cert}, not kabupaten {code}.</translation>
    </message>
    <message>
        <source>{file} hanya berlaku dari {start} sampai {end}.</source>
        <translation>{file} is valid only from {start} to {end}.</translation>
    </message>
    <message>
        <source>{file} ({cert}) sudah dicabut oleh provinsi.</source>
        <translation>{file} ({cert}) is revoked by the province.</translation>
    </message>
    <message>
        <source>{file} dilindungi frasa sandi: masukkan frasa sandinya.</source>
        <translation>{file} is passphrase-protected: give its passphrase.</translation>
    </message>
    <message>
        <source>{path} adalah workspace {kind}: workspace ini tidak punya bundel.</source>
        <translation>{path} is a {kind} workspace: it has no bundle.</translation>
    </message>
    <message>
        <source>Wilayah workspace ini tidak memuat kabupaten {code} tepat satu kali.</source>
        <translation>The workspace&apos;s regions do not hold kabupaten {code} once.</translation>
    </message>
    <message>
        <source>Simpanan gambar rusak: {path} tidak cocok dengan namanya.</source>
        <translation>The image store is damaged: {path} does not match its name.</translation>
    </message>
    <message>
        <source>{path} sudah ada; tidak ada yang ditimpa.</source>
        <translation>{path} already exists; nothing was overwritten.</translation>
    </message>
    <message>
        <source>{path} bukan folder.</source>
        <translation>{path} is not a folder.</translation>
    </message>
    <message>
        <source>Ruang tidak cukup untuk bundel di drive {path}: perlu sekitar {mb} MB, yang kosong {free} MB.</source>
        <translation>Not enough space for the bundle on the drive of {path}: it needs about {mb} MB and {free} MB are free.</translation>
    </message>
    <message>
        <source>{path} tidak dapat ditulis ({detail}).</source>
        <translation>Cannot write {path} ({detail})</translation>
    </message>
    <message>
        <source>Drive {path} penuh (bundel perlu sekitar {mb} MB); berkas sebagian sudah dihapus.</source>
        <translation>The drive of {path} is full (the bundle needs about {mb} MB); the partial file was removed.</translation>
    </message>
    <message>
        <source>{path} akan lebih besar daripada yang diizinkan drive-nya (FAT32 berhenti di 4 GB); berkas sebagian sudah dihapus.</source>
        <translation>{path} would be larger than its drive allows (FAT32 stops at 4 GB); the partial file was removed.</translation>
    </message>
    <message>
        <source>Penulisan {path} gagal ({detail}); berkas sebagian sudah dihapus.</source>
        <translation>Writing {path} failed ({detail}); the partial file was removed.</translation>
    </message>
    <message>
        <source>{reason} Berkas sebagian sudah dihapus.</source>
        <translation>{reason} The partial file was removed.</translation>
    </message>
    <message>
        <source>Ekspor dibatalkan.</source>
        <translation>The export was cancelled.</translation>
    </message>
    <message>
        <source>{file} bukan berkas biasa.</source>
        <translation>{file} is not a regular file.</translation>
    </message>
    <message>
        <source>{file} berubah saat dibaca, atau terlalu besar.</source>
        <translation>{file} changed while it was read, or is too large.</translation>
    </message>
    <message>
        <source>{file} berubah setelah sidik jarinya dihitung.</source>
        <translation>{file} changed after it was hashed.</translation>
    </message>
    <message>
        <source>{file} menjadi lebih pendek setelah sidik jarinya dihitung.</source>
        <translation>{file} became shorter after it was hashed.</translation>
    </message>
    <message>
        <source>{file} berubah saat ditulis.</source>
        <translation>{file} changed while it was written.</translation>
    </message>
    <message>
        <source>Sebuah anggota bundel tidak bernama.</source>
        <translation>A member has an empty name.</translation>
    </message>
    <message>
        <source>Anggota {name!r} memakai nama absolut.</source>
        <translation>Member {name!r} has an absolute name.</translation>
    </message>
    <message>
        <source>Anggota {name!r} memakai nama yang keluar dari bundel (..).</source>
        <translation>Member {name!r} has a name that climbs out of the bundle (..)</translation>
    </message>
    <message>
        <source>Anggota {name!r} memakai nama yang bukan jalur relatif biasa.</source>
        <translation>Member {name!r} has a name that is not a plain relative path.</translation>
    </message>
    <message>
        <source>Anggota {name!r} memakai nama perangkat yang dicadangkan.</source>
        <translation>Member {name!r} uses a reserved device name.</translation>
    </message>
    <message>
        <source>MANIFEST.json melebihi batas ukuran.</source>
        <translation>MANIFEST.json is larger than the limit.</translation>
    </message>
    <message>
        <source>MANIFEST.json bukan UTF-8.</source>
        <translation>MANIFEST.json is not UTF-8.</translation>
    </message>
    <message>
        <source>MANIFEST.json bukan JSON yang sah (baris {line}).</source>
        <translation>MANIFEST.json is not valid JSON (line {line})</translation>
    </message>
    <message>
        <source>MANIFEST.json bersarang terlalu dalam.</source>
        <translation>MANIFEST.json is nested too deeply.</translation>
    </message>
    <message>
        <source>MANIFEST.json bukan objek JSON.</source>
        <translation>MANIFEST.json is not a JSON object.</translation>
    </message>
    <message>
        <source>MANIFEST.json memuat kunci {key!r} dua kali.</source>
        <translation>MANIFEST.json has the key {key!r} twice.</translation>
    </message>
    <message>
        <source>MANIFEST.json memuat nilai bukan-angka {name}.</source>
        <translation>MANIFEST.json holds the non-number {name}.</translation>
    </message>
    <message>
        <source>MANIFEST.json berformat {format}, yang tidak dikenal versi ini ({known}).</source>
        <translation>MANIFEST.json has format {format}, which this version does not know ({known})</translation>
    </message>
    <message>
        <source>MANIFEST.json tidak memuat {keys}.</source>
        <translation>MANIFEST.json lacks {keys}.</translation>
    </message>
    <message>
        <source>MANIFEST.json: {field} bukan {shape}.</source>
        <translation>MANIFEST.json: {field} is not {shape}.</translation>
    </message>
    <message>
        <source>MANIFEST.json: {field} tidak berbentuk benar.</source>
        <translation>MANIFEST.json: {field} is malformed.</translation>
    </message>
    <message>
        <source>MANIFEST.json: {field} bukan SHA-256.</source>
        <translation>MANIFEST.json: {field} is not a SHA-256.</translation>
    </message>
    <message>
        <source>MANIFEST.json: {field} bukan bilangan bulat dari {lo} sampai {hi}.</source>
        <translation>MANIFEST.json: {field} is not an integer from {lo} to {hi}.</translation>
    </message>
    <message>
        <source>MANIFEST.json: {field} bukan teks paling panjang {max}.</source>
        <translation>MANIFEST.json: {field} is not a text of at most {max}.</translation>
    </message>
    <message>
        <source>MANIFEST.json mendaftar {count} berkas, melebihi batas {max}.</source>
        <translation>MANIFEST.json lists {count} files, more than the limit of {max}.</translation>
    </message>
    <message>
        <source>MANIFEST.json menyatakan {total} byte berkas, melebihi batas {max}.</source>
        <translation>MANIFEST.json declares {total} bytes of files, more than the limit of {max}.</translation>
    </message>
    <message>
        <source>MANIFEST.json mendaftar {path} sebagai isi bundel.</source>
        <translation>MANIFEST.json lists {path} among the payload.</translation>
    </message>
    <message>
        <source>MANIFEST.json mendaftar {path} dua kali.</source>
        <translation>MANIFEST.json lists {path} twice.</translation>
    </message>
    <message>
        <source>MANIFEST.json mendaftar {path} sebagai berkas sekaligus folder.</source>
        <translation>MANIFEST.json lists {path} as a file and a folder.</translation>
    </message>
    <message>
        <source>MANIFEST.json.p7s bukan tanda tangan CMS.</source>
        <translation>MANIFEST.json.p7s is not a CMS signature.</translation>
    </message>
    <message>
        <source>MANIFEST.json.p7s harus memuat tepat satu penanda tangan beserta sertifikatnya.</source>
        <translation>MANIFEST.json.p7s must hold exactly one signer and its certificate.</translation>
    </message>
    <message>
        <source>MANIFEST.json.p7s tidak dapat divalidasi.</source>
        <translation>MANIFEST.json.p7s cannot be validated.</translation>
    </message>
    <message>
        <source>MANIFEST.json.p7s tidak membawa sertifikat penanda tangannya.</source>
        <translation>MANIFEST.json.p7s does not carry its signer&apos;s certificate.</translation>
    </message>
    <message>
        <source>MANIFEST.json.p7s membawa sertifikat yang rusak.</source>
        <translation>MANIFEST.json.p7s carries a damaged certificate.</translation>
    </message>
    <message>
        <source>MANIFEST.json tidak cocok dengan tanda tangannya, MANIFEST.json.p7s.</source>
        <translation>MANIFEST.json does not match its signature MANIFEST.json.p7s.</translation>
    </message>
    <message>
        <source>Tanda tangan MANIFEST.json.p7s tidak sah.</source>
        <translation>The signature MANIFEST.json.p7s is not valid.</translation>
    </message>
    <message>
        <source>Daftar pencabutan (CRL) kedaluwarsa pada {date}: minta crl.pem yang baru dari provinsi.</source>
        <translation>The revocation list expired on {date}: get a fresh crl.pem from the province.</translation>
    </message>
    <message>
        <source>Bundel ditandatangani oleh {signer}, yang sertifikatnya tidak diterbitkan oleh CA provinsi.</source>
        <translation>The bundle was signed by {signer}, whose certificate was not issued by the province CA.</translation>
    </message>
    <message>
        <source>Sertifikat penanda tangan bundel, {signer}, sudah dicabut.</source>
        <translation>The certificate that signed the bundle, {signer}, is revoked.</translation>
    </message>
    <message>
        <source>Sertifikat penanda tangan bundel, {signer}, hanya berlaku dari {start} sampai {end}.</source>
        <translation>The certificate that signed the bundle, {signer}, is valid only from {start} to {end}.</translation>
    </message>
    <message>
        <source>Sertifikat penanda tangan bundel, {signer}, tidak dipercaya ({problem}).</source>
        <translation>The certificate that signed the bundle, {signer}, is not trusted ({problem})</translation>
    </message>
    <message>
        <source>Manifes untuk kabupaten {kabupaten}, tetapi ditandatangani oleh {signer}.</source>
        <translation>The manifest is for kabupaten {kabupaten} but it was signed by {signer}.</translation>
    </message>
    <message>
        <source>Bundel dibuat untuk penerima {recipient}, bukan untuk identitas ini.</source>
        <translation>The bundle was made for recipient {recipient}, not for this identity.</translation>
    </message>
    <message>
        <source>Bundel tidak dienkripsi untuk identitas ini (tidak ada kunci yang cocok).</source>
        <translation>The bundle is not encrypted for this identity (no matching key)</translation>
    </message>
    <message>
        <source>Berkas bundel terpotong.</source>
        <translation>The bundle file is truncated.</translation>
    </message>
    <message>
        <source>Berkas bundel terpotong atau rusak, atau diubah setelah dibuat.</source>
        <translation>The bundle file is truncated or damaged, or was changed after it was made.</translation>
    </message>
    <message>
        <source>Bundel bukan berkas age, atau kepalanya rusak.</source>
        <translation>The bundle is not an age file, or its header is damaged.</translation>
    </message>
    <message>
        <source>Bundel berakhir di tengah {what}.</source>
        <translation>The bundle ends in the middle of {what}.</translation>
    </message>
    <message>
        <source>Bundel tidak memuat {name}.</source>
        <translation>The bundle lacks {name}.</translation>
    </message>
    <message>
        <source>Bundel dimulai dengan {found!r}, bukan {name}.</source>
        <translation>The bundle starts with {found!r} instead of {name}.</translation>
    </message>
    <message>
        <source>Penanda akhir arsip rusak.</source>
        <translation>The archive&apos;s end marker is damaged.</translation>
    </message>
    <message>
        <source>Kepala anggota pada byte {at} rusak.</source>
        <translation>The member header at byte {at} is damaged.</translation>
    </message>
    <message>
        <source>Kepala anggota pada byte {at} bukan POSIX ustar.</source>
        <translation>The member header at byte {at} is not POSIX ustar.</translation>
    </message>
    <message>
        <source>Bundel memuat data setelah akhir arsip.</source>
        <translation>The bundle holds data after the end of the archive.</translation>
    </message>
    <message>
        <source>Bundel memuat terlalu banyak pengisi setelah arsip.</source>
        <translation>The bundle holds too much padding after the archive.</translation>
    </message>
    <message>
        <source>Anggota {name!r} bukan berkas biasa ({type}).</source>
        <translation>Member {name!r} is {type}, not a regular file.</translation>
    </message>
    <message>
        <source>{name} tidak dapat disiapkan ({detail}).</source>
        <translation>{name} could not be staged ({detail})</translation>
    </message>
    <message>
        <source>{name} melebihi batas {limit} byte.</source>
        <translation>{name} is larger than the limit of {limit} bytes.</translation>
    </message>
    <message>
        <source>{name}, yang terdaftar di MANIFEST.json, tidak ada.</source>
        <translation>{name}, listed in MANIFEST.json, is missing.</translation>
    </message>
    <message>
        <source>Anggota {name} lebih besar ({size} byte) daripada yang dinyatakan MANIFEST.json ({declared}).</source>
        <translation>Member {name} is larger ({size} bytes) than MANIFEST.json declares ({declared})</translation>
    </message>
    <message>
        <source>Anggota {name} lebih kecil ({size} byte) daripada yang dinyatakan MANIFEST.json ({declared}).</source>
        <translation>Member {name} is smaller ({size} bytes) than MANIFEST.json declares ({declared})</translation>
    </message>
    <message>
        <source>Anggota {name} tidak cocok dengan SHA-256-nya di MANIFEST.json.</source>
        <translation>Member {name} does not match its SHA-256 in MANIFEST.json.</translation>
    </message>
    <message>
        <source>Anggota {name} muncul dua kali dalam bundel.</source>
        <translation>Member {name} appears twice in the bundle.</translation>
    </message>
    <message>
        <source>Anggota {name} tidak sesuai urutan MANIFEST.json (seharusnya {expected}).</source>
        <translation>Member {name} comes out of the order of MANIFEST.json (expected {expected})</translation>
    </message>
    <message>
        <source>Anggota {name} tidak terdaftar di MANIFEST.json.</source>
        <translation>Member {name} is not listed in MANIFEST.json.</translation>
    </message>
    <message>
        <source>Anggota {name} akan ditulis di luar area penyiapan.</source>
        <translation>Member {name} would be written outside the staging area.</translation>
    </message>
    <message>
        <source>Bundel {bundle} (KAB-{kabupaten}, urutan {sequence}) sudah diimpor pada {at}.</source>
        <translation>Bundle {bundle} (KAB-{kabupaten}, sequence {sequence}) was already imported on {at}.</translation>
    </message>
    <message>
        <source>Bundel ini berurutan {sequence}, tidak lebih baru daripada urutan {last} yang sudah diimpor dari KAB-{kabupaten}.</source>
        <translation>The bundle has sequence {sequence}, not newer than sequence {last} already imported from KAB-{kabupaten}.</translation>
    </message>
    <message>
        <source>Bundel berukuran {mb} MB dan hanya {free} MB yang kosong di samping workspace provinsi.</source>
        <translation>The bundle holds {mb} MB and only {free} MB are free beside the province workspace.</translation>
    </message>
    <message>
        <source>Rantai audit bundel tidak melanjutkan rantai yang diimpor sebelumnya dari KAB-{kabupaten} (kepala {head}…): {where}; jejak kabupaten itu dipotong atau ditulis ulang.</source>
        <translation>The bundle&apos;s audit chain does not extend the one imported before from KAB-{kabupaten} (head {head}…): {where}; the kabupaten&apos;s trail was cut or rewritten.</translation>
    </message>
    <message>
        <source>rantainya berakhir pada peristiwa {seq}</source>
        <translation>Its chain ends at event {seq}.</translation>
    </message>
    <message>
        <source>peristiwa {seq}-nya berbeda</source>
        <translation>Its event {seq} differs.</translation>
    </message>
    <message>
        <source>{file} terlalu besar untuk pemeriksaan kertas.</source>
        <translation>{file} is too large for the paper check.</translation>
    </message>
    <message>
        <source>Pemeriksaan kertas sudah membaca yang diperlukan.</source>
        <translation>The paper check has read what it needs.</translation>
    </message>
    <message>
        <source>{file} terlalu besar.</source>
        <translation>{file} is too large.</translation>
    </message>
    <message>
        <source>{file} bukan JSON yang sah.</source>
        <translation>{file} is not valid JSON.</translation>
    </message>
    <message>
        <source>{file} bukan UTF-8.</source>
        <translation>{file} is not UTF-8.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: terlalu panjang.</source>
        <translation>{file}, line {line}: too long.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: bukan JSON yang sah.</source>
        <translation>{file}, line {line}: not valid JSON.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: bukan objek JSON.</source>
        <translation>{file}, line {line}: not a JSON object.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: bukan {{code, level, name}}.</source>
        <translation>{file}, line {line}: not {{code, level, name}}.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: {code} bukan {level} dari KAB-{kabupaten}.</source>
        <translation>{file}, line {line}: {code} is not a {level} of KAB-{kabupaten}.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: kabupaten kedua.</source>
        <translation>{file}, line {line}: a second kabupaten.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: tidak ada kode TPS 13 digit.</source>
        <translation>{file}, line {line}: no 13-digit TPS id.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: TPS {tps} tidak berada di KAB-{kabupaten}.</source>
        <translation>{file}, line {line}: TPS {tps} is not in KAB-{kabupaten}.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: pemilihan {contest} tidak dikenal.</source>
        <translation>{file}, line {line}: unknown contest {contest}.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: status {state} tidak dikenal.</source>
        <translation>{file}, line {line}: unknown state {state}.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: DPT bukan bilangan cacah.</source>
        <translation>{file}, line {line}: DPT is not a count.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: TPS {tps} punya dua DPT yang berbeda.</source>
        <translation>{file}, line {line}: TPS {tps} has two different DPT.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: TPS {tps} muncul dua kali untuk pemilihan {contest}.</source>
        <translation>{file}, line {line}: TPS {tps} appears twice for contest {contest}.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: temuan bukan sebuah daftar.</source>
        <translation>{file}, line {line}: findings is not a list.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: TPS {tps} final tanpa nilai.</source>
        <translation>{file}, line {line}: TPS {tps} is final without values.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: TPS {tps} final tanpa semua isian.</source>
        <translation>{file}, line {line}: TPS {tps} is final without every field.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: TPS {tps} final dengan nilai yang tidak ada di formulir.</source>
        <translation>{file}, line {line}: TPS {tps} is final with values not on the form.</translation>
    </message>
    <message>
        <source>{file}, baris {line}: TPS {tps} belum final tetapi membawa nilai.</source>
        <translation>{file}, line {line}: TPS {tps} is not final but carries values.</translation>
    </message>
    <message>
        <source>data/contests.json bukan daftar pemilihan yang berbentuk benar.</source>
        <translation>Data/contests.json is not a list of well-formed contests.</translation>
    </message>
    <message>
        <source>data/contests.json dan ringkasan manifes tidak menyebut pemilihan yang sama.</source>
        <translation>Data/contests.json and the manifest&apos;s summary do not name the same contests.</translation>
    </message>
    <message>
        <source>data/regions.jsonl tidak memuat kabupaten {kabupaten}.</source>
        <translation>Data/regions.jsonl does not hold kabupaten {kabupaten}.</translation>
    </message>
    <message>
        <source>data/regions.jsonl dan data/results.jsonl tidak cocok satu sama lain: {detail}</source>
        <translation>Data/regions.jsonl and data/results.jsonl do not fit: {detail}.</translation>
    </message>
    <message>
        <source>{file}: TPS {tps} punya nilai di luar rentang.</source>
        <translation>{file}: TPS {tps} has a value out of range.</translation>
    </message>
    <message>
        <source>Hasil pemilihan {contest} tidak menghasilkan rekap yang dinyatakan manifes ({final}/{total} final, sidik jari {fingerprint}…).</source>
        <translation>The results of contest {contest} do not give the recap the manifest states ({final}/{total} final, fingerprint {fingerprint}…)</translation>
    </message>
    <message>
        <source>{file} tidak cocok dengan hasilnya.</source>
        <translation>{file} does not match the results.</translation>
    </message>
    <message>
        <source>{file} tidak memuat tingkat rekap.</source>
        <translation>{file} holds no recap levels.</translation>
    </message>
    <message>
        <source>{file}: tingkat {level} tidak dikenal.</source>
        <translation>{file}: unknown level {level}.</translation>
    </message>
    <message>
        <source>{file}: baris tingkat {level} tidak cocok dengan hasilnya.</source>
        <translation>{file}: the {level} rows do not match the results.</translation>
    </message>
    <message>
        <source>{path} tidak kosong: demo memerlukan folder baru.</source>
        <translation>{path} is not empty: the demo needs a new folder.</translation>
    </message>
    <message>
        <source>{file}: bukan teks UTF-8 (byte {byte} pada posisi {offset}); simpan sebagai UTF-8.</source>
        <translation>{file}: not UTF-8 text (byte {byte} at offset {offset}); save it as UTF-8.</translation>
    </message>
    <message>
        <source>{file}: bukan JSON yang sah (baris {line}, kolom {column}: {detail}).</source>
        <translation>{file}: not valid JSON (line {line}, column {column}: {detail})</translation>
    </message>
    <message>
        <source>{file}: JSON-nya bersarang terlalu dalam untuk sebuah entri.</source>
        <translation>{file}: the JSON is nested too deeply to be an entry.</translation>
    </message>
    <message>
        <source>JSON menyebut kunci {key!r} dua kali dalam satu objek.</source>
        <translation>The JSON names the key {key!r} twice in one object.</translation>
    </message>
    <message>
        <source>Perintah ini perlu --user NAMA (seorang admin).</source>
        <translation>This command needs --user NAME (an admin)</translation>
    </message>
    <message>
        <source>Perintah ini perlu --contest (salah satu dari: {contests}).</source>
        <translation>This command needs --contest (one of: {contests})</translation>
    </message>
    <message>
        <source>Tidak ada berkas untuk diimpor.</source>
        <translation>No file to import.</translation>
    </message>
    <message>
        <source>{option} {value!r} bukan tanggal atau waktu ISO (2024-11-27T08:00).</source>
        <translation>{option} {value!r} is not an ISO date or time (2024-11-27T08:00)</translation>
    </message>
    <message>
        <source>--limit paling sedikit 1, bukan {limit}.</source>
        <translation>--limit must be at least 1, not {limit}.</translation>
    </message>
    <message>
        <source>Laporan untuk setiap kecamatan memerlukan folder untuk --out (atau beri --region).</source>
        <translation>A report of every kecamatan needs a folder for --out (or give --region)</translation>
    </message>
    <message>
        <source>Sampel mutu perlu --forms N atau --target LAJU.</source>
        <translation>Quality sample needs --forms N or --target RATE.</translation>
    </message>
    <message>
        <source>--value {item!r} bukan ISIAN=ANGKA (mis. IV.1=120).</source>
        <translation>--value {item!r} is not FIELD=NUMBER (e.g. IV.1=120)</translation>
    </message>
    <message>
        <source>Buku induk tidak dapat dipakai: {count} masalah; lihat daftar masalahnya.</source>
        <translation>The master workbook cannot be used: {count} problems; see the list of problems.</translation>
    </message>
    <message>
        <source>{file}: {problem}{more}</source>
        <translation>{file}: {problem}{more}</translation>
    </message>
    <message>
        <source> (dan 1 masalah lain)</source>
        <translation> (and 1 more problem)</translation>
    </message>
    <message>
        <source> (dan {count} masalah lain)</source>
        <translation> (and {count} more problems)</translation>
    </message>
    <message>
        <source> (dan {count} berkas lain)</source>
        <translation> (and {count} more files)</translation>
    </message>
    <message>
        <source>baris {row}</source>
        <translation>row {row}</translation>
    </message>
    <message>
        <source>butir {item}</source>
        <translation>item {item}</translation>
    </message>
    <message>
        <source>TPS {key}</source>
        <translation>TPS {key}</translation>
    </message>
    <message>
        <source>berkas ini</source>
        <translation>the file</translation>
    </message>
    <message>
        <source>tabel {key}</source>
        <translation>table {key}</translation>
    </message>
    <message>
        <source>lembar {sheet!r}</source>
        <translation>sheet {sheet!r}</translation>
    </message>
    <message>
        <source>{value} bukan angka</source>
        <translation>{value} is not a number</translation>
    </message>
    <message>
        <source>{value} negatif</source>
        <translation>{value} is negative</translation>
    </message>
    <message>
        <source>{value} bukan bilangan bulat jumlah suara</source>
        <translation>{value} is not a whole number of votes</translation>
    </message>
    <message>
        <source>kode TPS tidak ada</source>
        <translation>no TPS id</translation>
    </message>
    <message>
        <source>{value} bukan kode TPS 13 digit</source>
        <translation>{value} is not a TPS id of 13 digits</translation>
    </message>
    <message>
        <source>format {format} bukan salah satu dari {formats}</source>
        <translation>format {format} is not one of {formats}</translation>
    </message>
    <message>
        <source>berkasnya kosong</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>{where}: TPS {tps} ({contest}) muncul dua kali (juga di {other})</source>
        <translation>{where}: TPS {tps} ({contest}) is given twice (also {other})</translation>
    </message>
    <message>
        <source>berkas ini tidak memuat angka resmi</source>
        <translation>the file holds no official numbers</translation>
    </message>
    <message>
        <source>berkas ini bukan buku kerja Excel (.xlsx)</source>
        <translation>it is not an Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>berkas ini arsip ZIP yang rusak ({detail})</source>
        <translation>it is a damaged ZIP archive ({detail})</translation>
    </message>
    <message>
        <source>berkas ini tidak dapat dibaca: {detail}</source>
        <translation>it cannot be read: {detail}</translation>
    </message>
    <message>
        <source>berkas ini tidak dapat dibaca sebagai buku kerja Excel ({detail})</source>
        <translation>it cannot be read as an Excel workbook ({detail})</translation>
    </message>
    <message>
        <source>berkas ini bukan buku kerja xlsx ({detail})</source>
        <translation>it is not an xlsx workbook ({detail})</translation>
    </message>
    <message>
        <source>tidak ada baris judul dengan kolom TPS (tps, kode_tps, kode) dalam {rows} baris pertama</source>
        <translation>no header row with a TPS column (tps, kode_tps, kode) in the first {rows} rows</translation>
    </message>
    <message>
        <source>baris {row}: kolom {a!r} dan {b!r} sama-sama memberi {field}</source>
        <translation>row {row}: columns {a!r} and {b!r} both give {field}</translation>
    </message>
    <message>
        <source>baris {row}: tidak ada kolom suara (IV.1, suara_sah, ...)</source>
        <translation>row {row}: no column of votes (IV.1, suara_sah, ...)</translation>
    </message>
    <message>
        <source>baris {row}: tidak ada kolom &apos;pemilihan&apos;, dan pemilihan tidak diberikan (--contest)</source>
        <translation>row {row}: no &apos;pemilihan&apos; column, and no contest was given (--contest)</translation>
    </message>
    <message>
        <source>{where}, kolom {column!r}: {reason}</source>
        <translation>{where}, column {column!r}: {reason}</translation>
    </message>
    <message>
        <source>{where}, kolom {column!r} ({field}): {reason}</source>
        <translation>{where}, column {column!r} ({field}): {reason}</translation>
    </message>
    <message>
        <source>{where}: TPS {tps} tidak ada di workspace ini</source>
        <translation>{where}: TPS {tps} is not in this workspace</translation>
    </message>
    <message>
        <source>{where}: pemilihan {contest!r} tidak ada di workspace ini</source>
        <translation>{where}: contest {contest!r} is not in this workspace</translation>
    </message>
    <message>
        <source>{where}, kolom {column!r}: pemilihan {contest} tidak punya pasangan calon nomor {number}</source>
        <translation>{where}, column {column!r}: contest {contest} has no candidate pair {number}</translation>
    </message>
    <message>
        <source>{where} bukan objek JSON</source>
        <translation>{where} is not a JSON object</translation>
    </message>
    <message>
        <source>JSON-nya bukan objek dan bukan daftar</source>
        <translation>the JSON is neither an object nor a list</translation>
    </message>
    <message>
        <source>berkas ini bukan JSON yang sah</source>
        <translation>it is not valid JSON</translation>
    </message>
    <message>
        <source>berkas ini bukan JSON yang sah (baris {line}, kolom {column})</source>
        <translation>it is not valid JSON (line {line}, column {column})</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}: {reason}</translation>
    </message>
    <message>
        <source>{where}: pemilihan tidak diberikan (kunci &apos;pemilihan&apos; atau --contest)</source>
        <translation>{where}: no contest given (a &apos;pemilihan&apos; key or --contest)</translation>
    </message>
    <message>
        <source>{where}, {part}: bukan objek</source>
        <translation>{where}, {part}: not an object</translation>
    </message>
    <message>
        <source>chart: kode calon {id} tidak dipetakan ke nomor urut oleh berkas calon atau peta paslon mana pun</source>
        <translation>chart: candidate id {id} is mapped to a ballot number by no candidate file or paslon map given</translation>
    </message>
    <message>
        <source>{where}: kode calon {id} tidak dipetakan ke nomor urut oleh berkas calon atau peta paslon mana pun</source>
        <translation>{where}: candidate id {id} is mapped to a ballot number by no candidate file or paslon map given</translation>
    </message>
    <message>
        <source>berkas calon menyebut KOLOM KOSONG, tetapi {contest} tidak memilikinya</source>
        <translation>the candidate file names KOLOM KOSONG, but {contest} has none</translation>
    </message>
    <message>
        <source>peta paslon menyebut nomor urut {number}, yang tidak ada di {contest}</source>
        <translation>the paslon map names ballot number {number}, not in {contest}</translation>
    </message>
    <message>
        <source>chart: berkas ini menyebut {count} kode paslon ({ids}), sedangkan pemilihan {contest} punya {pairs} pasangan calon; beri peta paslon (--paslon-map 100025=1,100026=2)</source>
        <translation>chart: the file names {count} paslon ids ({ids}) where contest {contest} has {pairs} candidate pairs; give a paslon map (--paslon-map 100025=1,100026=2)</translation>
    </message>
    <message>
        <source>{where}, {label}: {reason}</source>
        <translation>{where}, {label}: {reason}</translation>
    </message>
    <message>
        <source>{where}, {label}: pemilihan {contest} tidak punya isian {field}</source>
        <translation>{where}, {label}: contest {contest} has no field {field}</translation>
    </message>
    <message>
        <source>{where}, values: {key} bukan IV.&lt;n&gt;, V.A, V.B atau V.C</source>
        <translation>{where}, values: {key} is not IV.&lt;n&gt;, V.A, V.B or V.C</translation>
    </message>
    <message>
        <source>pemilihan tidak diberikan (--contest)</source>
        <translation>no contest given (--contest)</translation>
    </message>
    <message>
        <source>{where}: {code} bukan wilayah kabupaten ini</source>
        <translation>{where}: {code} is not a region of this kabupaten</translation>
    </message>
    <message>
        <source>{where}: bukan objek</source>
        <translation>{where}: not an object</translation>
    </message>
    <message>
        <source>{where}: nomor urut {number} tidak ada di {contest}</source>
        <translation>{where}: ballot number {number} is not in {contest}</translation>
    </message>
    <message>
        <source>tabelnya belum memuat angka (belum diumumkan?)</source>
        <translation>the table holds no numbers (not published yet?)</translation>
    </message>
    <message>
        <source>lembar {sheet!r}, baris {row}: wilayah {region} tidak berada di kabupaten ini</source>
        <translation>sheet {sheet!r}, row {row}: region {region} is not in this kabupaten</translation>
    </message>
    <message>
        <source>lembar {sheet!r}, baris {row} ({field}), {region}: {reason}</source>
        <translation>sheet {sheet!r}, row {row} ({field}), {region}: {reason}</translation>
    </message>
    <message>
        <source>lembar {sheet!r}, baris {row}: {field} bukan isian formulir {contest}</source>
        <translation>sheet {sheet!r}, row {row}: {field} is not a field of {contest}&apos;s form</translation>
    </message>
    <message>
        <source>tidak ditemukan baris KODE dengan kode wilayah maupun baris isian</source>
        <translation>no row KODE with region codes and no field rows were found</translation>
    </message>
    <message>
        <source>Sambungan ke ruangan di {host}:{port} terputus: {detail}</source>
        <translation>The connection to the room at {host}:{port} is lost: {detail}</translation>
    </message>
    <message>
        <source>Cadangan ruangan dibuat di PC tuan rumah, bukan di stasiun.</source>
        <translation>A room&apos;s backups are taken on its host PC, not on a station.</translation>
    </message>
    <message>
        <source>Cadangan ruangan tidak lolos pemeriksaan dan disisihkan sebagai {file}: {detail}</source>
        <translation>The room&apos;s backup did not pass its check and is kept aside as {file}: {detail}</translation>
    </message>
    <message>
        <source>{file} tidak dapat dipulihkan ({detail}): tidak ada yang diubah.</source>
        <translation>{file} does not restore ({detail}): nothing was changed.</translation>
    </message>
    <message>
        <source>{file} bukan berkas yang dulu ditulis (SHA-256-nya berbeda dari yang tercatat di {sidecar}): tidak ada yang diubah.</source>
        <translation>{file} is not the file that was written (its SHA-256 differs from the one in {sidecar}): nothing was changed.</translation>
    </message>
    <message>
        <source>{file}: tabel {table} dipulihkan dengan {found} baris, padahal {expected} baris yang dicadangkan.</source>
        <translation>{file}: table {table} restores with {found} rows, but {expected} were backed up.</translation>
    </message>
    <message>
        <source>{folder} adalah stasiun: ruangan dipulihkan di PC tuan rumahnya.</source>
        <translation>{folder} is a station: a room is restored on its host PC.</translation>
    </message>
    <message>
        <source>Ada stasiun yang tersambung ke ruangan ({stations}): minta mereka menutup kamarhitung, atau pulihkan dengan --force (sambungan mereka diputus dan mereka tersambung lagi ke ruangan yang dipulihkan); tidak ada yang dipulihkan.</source>
        <translation>Stations are connected to the room ({stations}): ask them to close kamarhitung, or restore with --force (their connections are cut and they reconnect to the restored room); nothing was restored.</translation>
    </message>
    <message>
        <source> atau </source>
        <translation> or </translation>
    </message>
    <message>
        <source>tanpa keputusan (entrinya tidak lengkap)</source>
        <translation>no decision (its entries are incomplete)</translation>
    </message>
    <message>
        <source>wilayah</source>
        <translation>region</translation>
    </message>
</context>
<context>
    <name>screens</name>
    <message>
        <source>Entri</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Gambar</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Rekonsiliasi</source>
        <translation>Reconciliation</translation>
    </message>
    <message>
        <source>Rekap</source>
        <translation>Recap</translation>
    </message>
    <message>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Mutu data</source>
        <translation>Data quality</translation>
    </message>
    <message>
        <source>Provinsi</source>
        <translation>Province</translation>
    </message>
</context>
<context>
    <name>selisih</name>
    <message>
        <source>Paslon {0}</source>
        <translation>Candidate pair {0}</translation>
    </message>
    <message>
        <source>Suara sah</source>
        <translation>Valid votes</translation>
    </message>
    <message>
        <source>Suara tidak sah</source>
        <translation>Invalid votes</translation>
    </message>
    <message>
        <source>Jumlah suara</source>
        <translation>Total votes</translation>
    </message>
    <message>
        <source>Selisih per TPS</source>
        <translation>Discrepancies per TPS</translation>
    </message>
    <message>
        <source>TPS</source>
        <translation>TPS</translation>
    </message>
    <message>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Isian</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Resmi</source>
        <translation>Official</translation>
    </message>
    <message>
        <source>Kita</source>
        <translation>Ours</translation>
    </message>
    <message>
        <source>Selisih</source>
        <translation>Discrepancy</translation>
    </message>
    <message>
        <source>Per wilayah</source>
        <translation>Per region</translation>
    </message>
    <message>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>TPS resmi</source>
        <translation>TPS with official numbers</translation>
    </message>
    <message>
        <source>Dibandingkan</source>
        <translation>Compared</translation>
    </message>
    <message>
        <source>Berbeda</source>
        <translation>Different</translation>
    </message>
    <message>
        <source>resmi</source>
        <translation>official</translation>
    </message>
    <message>
        <source>kita</source>
        <translation>ours</translation>
    </message>
    <message>
        <source>selisih</source>
        <translation>discrepancy</translation>
    </message>
    <message>
        <source>TPS berbeda</source>
        <translation>Differing TPS</translation>
    </message>
</context>
</TS>
