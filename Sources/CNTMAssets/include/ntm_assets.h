#ifndef NTM_ASSETS_H
#define NTM_ASSETS_H

#include <stddef.h>

/// A file of the repository built into the executable (`embedded.S`), so that a copied or
/// installed `ntmlife` has its shipped worlds and its font wherever it is run from.
typedef struct {
    const char *name;             ///< the file's path in the repository, e.g. "Worlds/forage.toml"
    const unsigned char *bytes;
    size_t size;
} ntm_embedded_file;

/// Every embedded file, in a fixed order.
const ntm_embedded_file *ntm_embedded_files(size_t *count);

#endif
