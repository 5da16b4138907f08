"""The directory (区域概况): areas and places, couriers over time, outlets, contacts and hotlines, the search shared
by every directory list, and address → area and courier. Each module holds one part; import them directly."""
