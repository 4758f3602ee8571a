// The repository's shipped worlds and UI font, built into the executable with `.incbin`
// (paths are relative to the package root, an include directory of this target). Each file gets a start and an end symbol; the table in
// embedded.c turns them into (name, bytes, size). A test checks that every Worlds/*.toml is
// here and byte-identical to the file, so a world added or changed without this list (or
// without a rebuild) is caught.
#if defined(__ELF__)
    .section .rodata.ntm_assets, "a"
#define EMBED(symbol, path) \
    .global symbol ## _start; .global symbol ## _end; \
    .balign 16; symbol ## _start: .incbin path; symbol ## _end: .byte 0

    EMBED(ntm_world_alternation, "Worlds/alternation.toml")
    EMBED(ntm_world_cue_choice, "Worlds/cue-choice.toml")
    EMBED(ntm_world_ecosystem, "Worlds/ecosystem.toml")
    EMBED(ntm_world_forage, "Worlds/forage.toml")
    EMBED(ntm_world_hidden_hazards, "Worlds/hidden-hazards.toml")
    EMBED(ntm_world_poison_seasons, "Worlds/poison-seasons.toml")
    EMBED(ntm_font_dejavu_sans, "Assets/fonts/DejaVuSans.ttf")
    EMBED(ntm_ray_driver, "Sources/ntmlife/Executors/ntmlife_ray.py")

    .section .note.GNU-stack, "", @progbits
#endif
