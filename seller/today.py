"""What the Today screen lists for a business (filled in by the Today service)."""


def today_for(producer) -> dict:
    return {"producer": producer}
