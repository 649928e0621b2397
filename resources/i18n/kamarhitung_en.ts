<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="id">
<context>
    <name></name>
    <message>
        <source>Entri {0} ({1}): {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masalah yang diangkat operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paslon {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suara sah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suara tidak sah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jumlah suara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selisih per TPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resmi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selisih</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per wilayah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wilayah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS resmi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dibandingkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berbeda</source>
        <translation type="unfinished">Different</translation>
    </message>
    <message>
        <source>resmi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kita</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>selisih</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS berbeda</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnomalyScreen</name>
    <message>
        <source>Anomali pada formulir final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cari desa atau kode TPS…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter atau klik dua kali: buka TPS (gambar dan entri).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saring menurut jenis anomali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saring menurut kecamatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saring menurut pemilihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memindai…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pemindaian gagal: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua jenis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua kecamatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kec. {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua pemilihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} anomali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} dari {total} anomali</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AnomalyTableModel</name>
    <message>
        <source>{desa}, Kec. {kec}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kec. {kec}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desa, kecamatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation type="unfinished">Election</translation>
    </message>
    <message>
        <source>Jenis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rincian</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <source>Simpan PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan grafik ini sebagai gambar PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan grafik sebagai PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gambar PNG (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gagal menyimpan: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>Rekapitulasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kab} · {election}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pemilihan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perbarui</source>
        <translation type="unfinished">Refresh</translation>
    </message>
    <message>
        <source>Baca ulang angka sekarang (F5); otomatis tiap 2 detik</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wilayah dan cakupan formulir final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pilih wilayah untuk grafiknya · Enter pada TPS: gambar dan entri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulir final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suara sah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partisipasi (TPS final)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perkiraan selesai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ringkasan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selisih resmi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail TPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomali ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anomali</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gagal memperbarui: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diperbarui {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kabupaten/kota</source>
        <translation type="unfinished">Kabupaten/kota</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desa/kelurahan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} TPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{final} dari {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{pct} · {diff} berbeda · {janggal} janggal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tidak sah {n} ({pct})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{voters} dari {listed} pemilih</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semua formulir final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tidak ada formulir final dalam 3 jam terakhir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>laju {rate} formulir/jam · sisa {left}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DifferencePanel</name>
    <message>
        <source>Sesuai gambar C1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Salah ketik operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Angka pada formulir kurang jelas; dibaca dari gambar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesuai jumlah pada baris lain formulir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isian yang berbeda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baris</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keputusan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nilai pada &amp;gambar:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Alasan (wajib):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mengapa nilai ini yang benar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Formulir hasil penyelesaian masih gagal pemeriksaan.&lt;/b&gt; Kertasnya sendiri tidak konsisten: terima sebagai janggal dengan catatan, atau kembalikan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Catatan janggal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter: terima sebagai janggal · Ctrl+K: kembalikan untuk entri ulang · Ctrl+Shift+K: kembalikan entri kedua saja</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ditandai: kertasnya sendiri ambigu (kekeliruan pada formulir). F: batalkan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Angka kedua entri sama; yang berbeda hanya masalah yang diangkat operator. Periksa gambar, lalu simpan dengan alasan atau kembalikan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perbedaan {0} dari {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nilai Anda tidak sama dengan kedua entri. Periksa gambar sekali lagi, lalu pilih.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sudah diputuskan. Ketik ulang untuk mengubah, atau Enter: berikutnya.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baca angka pada gambar dan ketik, lalu Enter. Nilai kedua entri tidak ditampilkan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tidak diisi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketikan Anda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter: pakai nilai ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri 1 · {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1: pakai entri 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri 2 · {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2: pakai entri 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketik angka yang terbaca pada gambar, lalu Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri {0} tidak mengisi isian ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketik ulang nilai pada gambar, lalu Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua perbedaan sudah diputuskan. Isi alasan, lalu Ctrl+Enter untuk menyimpan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>belum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>perlu dipilih</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entri 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entri 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diketik</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keliru: entri 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keliru: entri 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keliru: keduanya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>formulir ambigu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter: pakai nilai Anda · 1 / 2: pakai entri 1 / entri 2 · Backspace: ketik ulang · F: kertasnya ambigu · ↑/↓: perbedaan sebelumnya/berikutnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter: periksa nilai · ↑/↓: perbedaan sebelumnya/berikutnya · F: kertasnya ambigu · Ctrl+Enter: simpan · Ctrl+K: kembalikan · Ctrl+Shift+K: kembalikan entri kedua saja · Esc: antrean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masih ada {0} perbedaan yang belum diputuskan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alasan wajib diisi (Alt+1…Alt+4 untuk alasan cepat).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tulis catatan untuk menerima formulir sebagai janggal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ditolak: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: diterima sebagai janggal dengan catatan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: perbedaan diselesaikan, formulir final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tulis alasan pengembalian di kolom Alasan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: entri kedua dikembalikan untuk diketik ulang.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: kedua entri dikembalikan untuk diketik ulang.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntryScreen</name>
    <message>
        <source>Layar entri hanya untuk operator. Pengawas menyelesaikan perbedaan dan formulir janggal di layar Rekonsiliasi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation type="unfinished">Election</translation>
    </message>
    <message>
        <source>Workspace ini belum memiliki pemilihan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada formulir yang perlu dientri untuk {contest}.

Pilih pemilihan lain dengan Alt+K, atau tekan F5 untuk memeriksa lagi (antrean juga diperiksa sendiri secara berkala).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memuat gambar…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada gambar formulir untuk TPS ini.
Tandai masalah dengan F9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} halaman gambar tidak dapat dibaca (berkas hilang atau rusak).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gambar tidak dapat dimuat:
{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Masih ada kotak kosong: {field}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua kotak terisi. Tekan Ctrl+Enter untuk menyimpan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulir ini tidak lagi dipegang Anda ({reason}); memuat formulir lain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum lengkap: {n} kotak kosong (pertama {field}). Isi semuanya, atau tandai masalah dengan F9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} temuan merah. Cocokkan sekali lagi dengan gambar. Bila kertasnya memang begitu, tekan Ctrl+Enter lagi: formulir disimpan sesuai kertas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS {number:03d} {desa}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tersimpan, entri pertama selesai.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tersimpan; kedua entri sama: FINAL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tersimpan; berbeda dengan entri pertama, diteruskan ke pengawas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tersimpan; kedua entri sama tetapi formulirnya tidak konsisten (janggal), diteruskan ke pengawas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tersimpan ({state}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kec. {kecamatan}  ›  {desa}  ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS {number:03d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚑ Masalah: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Antrean: {first} baru · {second} menunggu entri 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ENTRI {slot}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… dan {n} temuan lain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selesai sesi ini: {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormGrid</name>
    <message>
        <source>L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SUARA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JUMLAH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lompat ke bagian ini</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Hal. {n}/{total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terang {v:+d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kontras {v:+d}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JanggalPanel</name>
    <message>
        <source>Tertulis demikian pada formulir; kekeliruan hitung KPPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sesuai formulir; dicatat dalam Kejadian Khusus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perbaikan pada formulir tidak dijumlahkan ulang oleh KPPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kedua entri sama, tetapi angka pada kertas tidak konsisten. Periksa gambar: terima seperti tertulis dengan catatan, atau kembalikan bila salah ketik.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pemeriksaan yang gagal (↑/↓ untuk melihat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nilai seperti diketik kedua operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baris</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Catatan (wajib):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mengapa formulir diterima seperti tertulis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nomor &amp;Kejadian Khusus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mis. KK-012 (kosongkan bila tidak ada)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑/↓: pemeriksaan sebelumnya/berikutnya · Tab: nomor Kejadian Khusus · Ctrl+Enter: terima sebagai janggal · Ctrl+K: kembalikan untuk entri ulang · Esc: antrean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catatan wajib diisi untuk menerima formulir janggal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ditolak: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: diterima sebagai janggal, formulir final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kedua entri formulir janggal sama; kembalikan keduanya dengan Ctrl+K.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tulis alasan pengembalian di kolom Catatan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: kedua entri dikembalikan untuk diketik ulang.</source>
        <translation type="unfinished"></translation>
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
        <source>Akun {user} terkunci sampai pukul {time} karena terlalu banyak percobaan yang gagal. Coba lagi nanti atau minta admin mengatur ulang kata sandi.</source>
        <translation>Account {user} is locked until {time} after too many failed attempts. Try again later or ask an admin to reset the password.</translation>
    </message>
    <message>
        <source>Akun {user} dinonaktifkan. Hubungi admin.</source>
        <translation>Account {user} is disabled. Contact an admin.</translation>
    </message>
    <message>
        <source>Nama pengguna atau kata sandi salah.</source>
        <translation>Wrong user name or password.</translation>
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
        <source>&amp;Keluar</source>
        <translation>&amp;Quit</translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished">Operator</translation>
    </message>
    <message>
        <source>Formulir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulir/jam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ketukan/jam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selisih diatribusikan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selisih per 10.000 isian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistik operator hanya untuk pengawas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistik tidak dapat dibaca: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada formulir yang selesai dikunci.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemChooser</name>
    <message>
        <source>Tandai masalah formulir ini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tekan 1–5 untuk menandai atau membatalkan; Esc atau Enter untuk kembali.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <source>Progres formulir final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulir final per jam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jumlah formulir final</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada TPS di wilayah ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua {total} formulir sudah final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perkiraan selesai: belum dapat dihitung (tidak ada formulir final dalam {hours} jam terakhir).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>besok {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date} {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perkiraan selesai: {at} · laju {rate} formulir/jam ({hours} jam terakhir) · sisa {left}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecapTreeModel</name>
    <message>
        <source>{final} dari {total} formulir final ({pct})</source>
        <translation type="unfinished">{final} of {total} forms final ({pct})</translation>
    </message>
    <message>
        <source>Formulir final dari seluruh TPS wilayah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wilayah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final</source>
        <translation type="unfinished">Final</translation>
    </message>
    <message>
        <source>Paslon {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kosong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri 1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri 1 ✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri 2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berbeda</source>
        <translation type="unfinished">Different</translation>
    </message>
    <message>
        <source>Janggal</source>
        <translation type="unfinished">Inconsistent (janggal)</translation>
    </message>
</context>
<context>
    <name>ResolutionScreen</name>
    <message>
        <source>Layar penyelesaian hanya untuk pengawas. Operator tidak melihat entri operator lain: bila dua entri berbeda atau formulir janggal, pengawas yang memeriksanya terhadap gambar formulir.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semua pemilihan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Desa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pemilihan</source>
        <translation type="unfinished">Election</translation>
    </message>
    <message>
        <source>Keadaan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diperbarui</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl++ / Ctrl+-: perbesar/perkecil · Ctrl+0: seluruh halaman · Ctrl+R: putar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Formulir ini tidak lagi menunggu penyelesaian (mungkin sudah diselesaikan pengawas lain). Esc: kembali ke antrean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pe&amp;milihan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↑/↓: pilih · Enter: buka · Alt+D: berbeda · Alt+J: janggal · Alt+S: statistik operator · Alt+M: pemilihan · F5: muat ulang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Berbe&amp;da ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Janggal ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Statistik operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada formulir berbeda yang menunggu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada formulir janggal yang menunggu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} tidak lagi menunggu penyelesaian.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS {0:03d} · Desa {1} · Kec. {2} — {3}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}: {1} isian berbeda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc: antrean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memuat gambar formulir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada gambar untuk formulir ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} halaman tidak ada atau tidak terbaca.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gambar formulir tidak dapat dimuat: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SelisihScreen</name>
    <message>
        <source>Selisih dengan angka resmi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impor angka resmi…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Angka per TPS dari penyelenggara: CSV, XLSX atau JSON bentuk SIREKAP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ekspor…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simpan daftar selisih sebagai CSV atau XLSX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jumlah per wilayah (angka kita − angka resmi)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selisih per TPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per kecamatan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per desa</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kabupaten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selisih tidak dapat dihitung: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada angka resmi untuk pemilihan ini. Impor berkas dari penyelenggara.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{diff}&lt;/b&gt; TPS berbeda ({numbers} angka) dari {compared} TPS yang dibandingkan · {pending} TPS berangka resmi belum final · {without} TPS final tanpa angka resmi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mengimpor {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: angka resmi {forms} formulir diimpor ({values} angka).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impor gagal: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada data selisih untuk diekspor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disimpan: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ekspor gagal: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impor angka resmi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Angka resmi (*.csv *.xlsx *.json);;Semua berkas (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ekspor daftar selisih</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buku kerja Excel (*.xlsx);;CSV (*.csv)</source>
        <translation type="unfinished"></translation>
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
        <source>Keluar</source>
        <translation>Quit</translation>
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
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TPS {n} · Desa {desa} · Kec. {kec}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri operator hanya terlihat oleh supervisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri tidak dapat dibaca: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memuat gambar formulir…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada gambar untuk formulir ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gambar formulir tidak dapat dimuat: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Isian</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entri {slot} · {user}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Final</source>
        <translation type="unfinished">Final</translation>
    </message>
    <message>
        <source>Memuat entri…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} isian berbeda antara kedua entri (ditandai).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catatan: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TurnoutChart</name>
    <message>
        <source>Sebaran partisipasi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partisipasi per TPS (pengguna hak pilih ÷ pemilih, %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jumlah TPS</source>
        <translation type="unfinished">TPS total</translation>
    </message>
    <message>
        <source>median {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada formulir final di wilayah ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} TPS final; median partisipasi {median}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▲ Pencilan: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dan {n} lainnya</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tidak ada pencilan partisipasi.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoteShareChart</name>
    <message>
        <source>Perolehan suara</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suara sah</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Belum ada formulir final di wilayah ini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dari {tps} TPS final: {votes} suara sah.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terbanyak: paslon {n} ({pct}).</source>
        <translation type="unfinished"></translation>
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
    <name>app</name>
    <message>
        <source>Kata sandi dari {env} untuk {user} ditolak. Masuk di sini.</source>
        <translation>The password from {env} for {user} was refused. Log in here.</translation>
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
    <name>screens</name>
    <message>
        <source>Entri</source>
        <translation>Entry</translation>
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
</context>
</TS>
