#include "ntm_assets.h"

#if defined(__ELF__)
#define DECLARE(symbol) extern const unsigned char symbol##_start[], symbol##_end[];
#define ENTRY(symbol, name) { name, symbol##_start, symbol##_end },

DECLARE(ntm_world_alternation)
DECLARE(ntm_world_cue_choice)
DECLARE(ntm_world_ecosystem)
DECLARE(ntm_world_forage)
DECLARE(ntm_world_hidden_hazards)
DECLARE(ntm_world_poison_seasons)
DECLARE(ntm_font_dejavu_sans)
DECLARE(ntm_ray_driver)

// Where each file starts and ends; a difference of two link-time addresses is not a C
// constant, so the sizes are taken when asked for.
static const struct { const char *name; const unsigned char *start, *end; } spans[] = {
    ENTRY(ntm_world_alternation, "Worlds/alternation.toml")
    ENTRY(ntm_world_cue_choice, "Worlds/cue-choice.toml")
    ENTRY(ntm_world_ecosystem, "Worlds/ecosystem.toml")
    ENTRY(ntm_world_forage, "Worlds/forage.toml")
    ENTRY(ntm_world_hidden_hazards, "Worlds/hidden-hazards.toml")
    ENTRY(ntm_world_poison_seasons, "Worlds/poison-seasons.toml")
    ENTRY(ntm_font_dejavu_sans, "Assets/fonts/DejaVuSans.ttf")
    ENTRY(ntm_ray_driver, "Sources/ntmlife/Executors/ntmlife_ray.py")
};

#define COUNT (sizeof spans / sizeof spans[0])
static ntm_embedded_file files[COUNT];

const ntm_embedded_file *ntm_embedded_files(size_t *count) {
    for (size_t i = 0; i < COUNT; i++) {
        files[i] = (ntm_embedded_file){ spans[i].name, spans[i].start, (size_t)(spans[i].end - spans[i].start) };
    }
    *count = COUNT;
    return files;
}
#else
const ntm_embedded_file *ntm_embedded_files(size_t *count) {
    *count = 0;
    return 0;
}
#endif
