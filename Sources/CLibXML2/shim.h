#ifndef RAPAT_CLIBXML2_SHIM_H
#define RAPAT_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its ICU headers clash with Foundation's own copy of ICU, and Rapat
// needs no ICU converter from libxml2 (minutes are UTF-8), so the ICU part of encoding.h is left out.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

/// xmlFree is a global function pointer, which Swift's strict concurrency cannot call safely; this can.
static inline void rapat_xml_free(void *p) { xmlFree(p); }
#endif
