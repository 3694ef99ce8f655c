package contactevents

//go:generate go run ../gen -schema ../schema/contactevents.schema.json -out . -profiles ../schema/profiles -export export
