/* What the miner's two extension modules (grams.c, counts.c) share: adding to Python's dicts of counts, and the
 * neighbours of a candidate as Miner.add keeps them (a str for a neighbour seen once, else a dict of counts). The
 * native loader (glossary/native/__init__.py) builds a module again when this file changes. */
#ifndef GLOSSARY_DICTS_H
#define GLOSSARY_DICTS_H
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* counter[key] += k */
static inline int add(PyObject *counter, PyObject *key, long long k) {
    PyObject *old = PyDict_GetItemWithError(counter, key);
    if (old == NULL && PyErr_Occurred()) return -1;
    long long now = k;
    if (old != NULL) {
        now += PyLong_AsLongLong(old);
        if (PyErr_Occurred()) return -1;
    }
    PyObject *value = PyLong_FromLongLong(now);
    if (value == NULL) return -1;
    int rc = PyDict_SetItem(counter, key, value);
    Py_DECREF(value);
    return rc;
}

/* {word: k}, or {first: 1, word: k} (first the word seen once before, word the new one; {word: 1 + k} when the same) */
static inline PyObject *neighbours(PyObject *first, PyObject *word, long long k) {
    PyObject *d = PyDict_New();
    if (d == NULL) return NULL;
    int same = first != NULL ? PyObject_RichCompareBool(first, word, Py_EQ) : 0;
    if (same < 0 || (first != NULL && !same && add(d, first, 1) < 0) || add(d, word, k + (same ? 1 : 0)) < 0) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

/* counter[key] += n for each key, n of counts (a dict of ints) */
static inline int add_all(PyObject *counter, PyObject *counts) {
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(counts, &pos, &key, &value)) {
        long long k = PyLong_AsLongLong(value);
        if ((k == -1 && PyErr_Occurred()) || add(counter, key, k) < 0) return -1;
    }
    return 0;
}

#endif
