#ifndef TENDER_CLIBXML2_SHIM_H
#define TENDER_CLIBXML2_SHIM_H
/* xmlversion.h first, then drop ICU: its headers clash with Foundation's. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>

/* xmlFree is a mutable C global; call it through a function instead. */
static inline void tender_xmlFree(void *p) { xmlFree(p); }
#endif
