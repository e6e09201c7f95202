#ifndef TENDER_CCMARK_SHIM_H
#define TENDER_CCMARK_SHIM_H
/* GitHub's CommonMark library and its core extensions (tables, strikethrough, autolinks). */
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#endif
