/*
 * libdemo: the Patchwise lab's demo shared library (synthetic; not a real product).
 *
 * Services load it at start and keep it mapped, so after an upgrade they still map the deleted
 * old file: that is what "this service needs a restart" detection looks for on the lab hosts.
 * LAB_VERSION is passed by the builder (-DLAB_VERSION="1.1"), so each build reports its own
 * version without a generated source file.
 */
#ifndef LAB_VERSION
#error "build with -DLAB_VERSION=\"<version>\""
#endif

__attribute__((visibility("default"))) const char *demo_version(void) { return LAB_VERSION; }
