// libxml2's SAX2 push parser, called directly by the AIRS reader (Sources/Feeds/AIRS/AIRSSAXParser.swift).
#ifndef CLOSELOOP_CLIBXML2_SHIM_H
#define CLOSELOOP_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and then encoding.h includes ICU's headers, which the Swift module
// importer cannot take. Nothing here uses ICU converters (only xmlCharEncodingHandler's layout changes,
// and Swift never touches that struct).
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>

/// `xmlFree` is a global function pointer; Swift 6 refuses to read C globals, so it is called from here.
static inline void closeloop_xml_free(void *pointer) {
    if (pointer != NULL) xmlFree(pointer);
}

#endif
