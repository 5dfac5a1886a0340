/// The catalogs compiled into the binary, one JSON text per language (`ShippedCatalogs+English`,
/// `+Spanish`). Embedded rather than shipped as SwiftPM resources for the reason the page
/// templates are (`Templates`): on Linux `Bundle.module` traps when the resource folder is not
/// beside the executable, so a copied `closeloop` binary would crash on its first page. A district
/// adds or rewords a language with a file in `CLOSELOOP_LOCALES_DIR` instead (`Catalogs.loading`);
/// `closeloop languages --template` writes the English file to start a translation from.
enum ShippedCatalogs {}
