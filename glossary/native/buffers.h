/* The numpy arrays the miner's extension modules write their columns into (counts.c, columns.c). The native loader
 * (glossary/native/__init__.py) builds a module again when this file changes. */
#ifndef GLOSSARY_BUFFERS_H
#define GLOSSARY_BUFFERS_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* a writable C-contiguous float64 buffer of exactly `size` doubles (a numpy array), or -1 with an error set */
static int doubles(PyObject *array, Py_buffer *view, Py_ssize_t size) {
    if (PyObject_GetBuffer(array, view, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) return -1;
    if (view->itemsize != sizeof(double) || view->format == NULL || strcmp(view->format, "d") != 0
        || view->len != size * (Py_ssize_t)sizeof(double)) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "expected a float64 array of one entry per key");
        return -1;
    }
    return 0;
}

#endif
