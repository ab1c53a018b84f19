"""Vietnamese banks by their NAPAS BIN (the 6 digits a VietQR code names the bank by), so the
order page can say which bank to transfer to. Names as the banks write them; from NAPAS's
VietQR member list."""

BANKS_BY_BIN = {
    "970436": "Vietcombank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970405": "Agribank",
    "970422": "MB Bank",
    "970407": "Techcombank",
    "970416": "ACB",
    "970432": "VPBank",
    "970423": "TPBank",
    "970403": "Sacombank",
    "970437": "HDBank",
    "970441": "VIB",
    "970443": "SHB",
    "970431": "Eximbank",
    "970426": "MSB",
    "970448": "OCB",
    "970440": "SeABank",
    "970449": "LPBank",
    "970428": "Nam A Bank",
    "970409": "Bac A Bank",
    "970425": "ABBANK",
    "970427": "VietABank",
    "970452": "KienlongBank",
    "970412": "PVcomBank",
    "970429": "SCB",
    "970400": "Saigonbank",
    "970438": "BaoViet Bank",
    "970419": "NCB",
    "970406": "DongA Bank",
    "970408": "GPBank",
    "970414": "OceanBank",
    "970433": "VietBank",
    "970454": "BVBank",
    "970430": "PGBank",
    "970421": "VRB",
    "970434": "Indovina Bank",
    "970446": "Co-opBank",
    "970424": "Shinhan Bank",
    "970457": "Woori Bank",
    "970458": "UOB Vietnam",
    "970439": "Public Bank Vietnam",
    "970442": "Hong Leong Bank Vietnam",
    "546034": "CAKE by VPBank",
    "546035": "Ubank by VPBank",
    "963388": "Timo",
    "422589": "CIMB Vietnam",
    "668888": "KBank",
}


def bank_name(bin: str) -> str:
    """The bank's name for a BIN; the BIN itself when the table does not know it."""
    return BANKS_BY_BIN.get(bin, bin)
