/* The miner's counts merged, added and read as columns (glossary/mining/counting.py and columns.py have the Python
 * twins this must agree with, entry for entry, in the same order, to the last bit): a worker's counts joined to the
 * parent's, a document's added to the corpus's, and the features' count columns and neighbours' entropies read
 * for a batch of candidates. Each was a loop in bytecode over a million entries of a large corpus.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>

#include "buffers.h"
#include "dicts.h"

/* counter.update(counts) for two dicts of ints: Counter.update loops over a mapping in bytecode */
static PyObject *add_counts(PyObject *self, PyObject *args) {
    PyObject *counter, *counts;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &counter, &PyDict_Type, &counts)) return NULL;
    if (add_all(counter, counts) < 0) return NULL;
    Py_RETURN_NONE;
}

/* for key, c in theirs.items(): mine's neighbours of key joined with c (Miner.merge's loop; a str is a neighbour
 * seen once, a dict its neighbours' counts) */
static PyObject *merge_neighbours(PyObject *self, PyObject *args) {
    PyObject *mine, *theirs, *key, *found;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &mine, &PyDict_Type, &theirs)) return NULL;
    Py_ssize_t pos = 0;
    while (PyDict_Next(theirs, &pos, &key, &found)) {
        PyObject *got = PyDict_GetItemWithError(mine, key);
        if (got == NULL) {
            if (PyErr_Occurred() || PyDict_SetItem(mine, key, found) < 0) return NULL;
            continue;
        }
        PyObject *into = got;
        if (PyDict_Check(got)) Py_INCREF(into);
        else if ((into = neighbours(NULL, got, 1)) == NULL) return NULL;
        int failed = PyDict_SetItem(mine, key, into) < 0
            || (PyDict_Check(found) ? add_all(into, found) : add(into, found, 1)) < 0;
        Py_DECREF(into);
        if (failed) return NULL;
    }
    Py_RETURN_NONE;
}

/* for key, value in theirs.items(): mine.setdefault(key, value) */
static PyObject *set_defaults(PyObject *self, PyObject *args) {
    PyObject *mine, *theirs, *key, *value;
    if (!PyArg_ParseTuple(args, "O!O!", &PyDict_Type, &mine, &PyDict_Type, &theirs)) return NULL;
    Py_ssize_t pos = 0;
    while (PyDict_Next(theirs, &pos, &key, &value))
        if (PyDict_SetDefault(mine, key, value) == NULL) return NULL;
    Py_RETURN_NONE;
}

/* into.update({same.setdefault(k, k): n for k, n in counts.items()}): counts keyed by this process's own strings */
static PyObject *add_interned(PyObject *self, PyObject *args) {
    PyObject *into, *same, *counts, *key, *value;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyDict_Type, &into, &PyDict_Type, &same, &PyDict_Type, &counts)) return NULL;
    Py_ssize_t pos = 0;
    while (PyDict_Next(counts, &pos, &key, &value)) {
        PyObject *own = PyDict_SetDefault(same, key, key);
        if (own == NULL || PyDict_SetItem(into, own, value) < 0) return NULL;
    }
    Py_RETURN_NONE;
}

/* out[i] = mapping.get(keys[i], 0) for dicts of ints (a column of counts; a generator in bytecode cost a tenth of
 * a second per 100,000 keys, and the features read nine such columns) */
static PyObject *lookup(PyObject *self, PyObject *args) {
    PyObject *out, *mapping, *keys;
    if (!PyArg_ParseTuple(args, "OO!O!", &out, &PyDict_Type, &mapping, &PyList_Type, &keys)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(keys);
    Py_buffer view;
    if (doubles(out, &view, n) < 0) return NULL;
    double *at = view.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = PyDict_GetItemWithError(mapping, PyList_GET_ITEM(keys, i));
        at[i] = value == NULL ? 0.0 : PyFloat_AsDouble(value);
        if (PyErr_Occurred()) { PyBuffer_Release(&view); return NULL; }
    }
    PyBuffer_Release(&view);
    Py_RETURN_NONE;
}

/* (share of occurrences at a chunk's edge, entropy of the neighbours, log of distinct neighbours) of each key's
 * neighbours on one side, as glossary/mining/columns.py's side_measures and entropy work them out: the same operations in
 * the same order (the neighbours in their insertion order), so the same doubles */
static PyObject *neighbour_measures(PyObject *self, PyObject *args) {
    PyObject *out, *side, *keys;
    if (!PyArg_ParseTuple(args, "OO!O!", &out, &PyDict_Type, &side, &PyList_Type, &keys)) return NULL;
    Py_ssize_t n = PyList_GET_SIZE(keys);
    Py_buffer view;
    if (doubles(out, &view, 3 * n) < 0) return NULL;
    double *row = view.buf;
    for (Py_ssize_t i = 0; i < n; i++, row += 3) {
        PyObject *found = PyDict_GetItemWithError(side, PyList_GET_ITEM(keys, i));
        row[0] = row[1] = row[2] = 0.0;
        if (found == NULL) {
            if (PyErr_Occurred()) break;
            continue; /* no neighbours: (0, 0, 0) */
        }
        if (PyUnicode_Check(found)) { /* seen once: one neighbour, the chunk's edge or a word */
            row[0] = PyUnicode_GET_LENGTH(found) == 0 ? 1.0 : 0.0;
            row[2] = log(2.0);
            continue;
        }
        long long total = 0, edge = 0;
        Py_ssize_t pos = 0;
        PyObject *word, *c;
        while (PyDict_Next(found, &pos, &word, &c)) {
            long long k = PyLong_AsLongLong(c);
            total += k;
            if (PyUnicode_GET_LENGTH(word) == 0) edge = k;
        }
        if (PyErr_Occurred()) break;
        if (!total) continue;
        double h = edge ? (double)edge * (1.0 / (double)total) * log((double)total) : 0.0;
        pos = 0;
        while (PyDict_Next(found, &pos, &word, &c)) {
            if (PyUnicode_GET_LENGTH(word) == 0) continue;
            double p = (double)PyLong_AsLongLong(c) / (double)total;
            h -= p * log(p);
        }
        row[0] = (double)edge / (double)total;
        row[1] = h;
        row[2] = log((double)(1 + edge + PyDict_GET_SIZE(found) - (edge ? 1 : 0)));
    }
    PyBuffer_Release(&view);
    if (PyErr_Occurred()) return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"add_counts", add_counts, METH_VARARGS, "add_counts(counter, counts): counter.update(counts), both dicts of ints."},
    {"merge_neighbours", merge_neighbours, METH_VARARGS, "merge_neighbours(mine, theirs): Miner.merge's neighbours."},
    {"set_defaults", set_defaults, METH_VARARGS, "set_defaults(mine, theirs): mine.setdefault(k, v) for theirs' items."},
    {"add_interned", add_interned, METH_VARARGS, "add_interned(into, same, counts): counts keyed by same's strings."},
    {"lookup", lookup, METH_VARARGS, "lookup(out, mapping, keys): out[i] = mapping.get(keys[i], 0), out float64."},
    {"neighbour_measures", neighbour_measures, METH_VARARGS,
     "neighbour_measures(out, side, keys): columns.side_measures of each key's neighbours into out (n x 3 float64)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "counts", NULL, -1, methods};

PyMODINIT_FUNC PyInit_counts(void) { return PyModule_Create(&module); }
