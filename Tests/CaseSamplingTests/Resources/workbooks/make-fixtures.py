#!/usr/bin/env python3
"""Makes the workbook fixtures with LibreOffice: writes flat OpenDocument spreadsheets (.fods) by hand,
then has LibreOffice (soffice --headless --convert-to xlsx) save them as Excel workbooks, so that
every .xlsx here is a real spreadsheet program's file. Run from this folder:

    python3 make-fixtures.py      # needs soffice (apt-get install libreoffice-calc-nogui)

The .fods sources are kept beside the .xlsx files; WorkbookFixtureTests.swift says what each cell holds.
"""
import os, subprocess, tempfile
from xml.sax.saxutils import escape as escape_text

def escape(text): return escape_text(text, {'"': '&quot;'})

HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
 <number:time-style style:name="N2"><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/></number:time-style>
 <number:date-style style:name="N3"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/><number:text> </number:text><number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/><number:text>:</number:text><number:seconds number:style="long"/></number:date-style>
 <number:boolean-style style:name="N4"><number:boolean/></number:boolean-style>
 <style:style style:name="bool" style:family="table-cell" style:data-style-name="N4"/>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="N1"/>
 <style:style style:name="time" style:family="table-cell" style:data-style-name="N2"/>
 <style:style style:name="stamp" style:family="table-cell" style:data-style-name="N3"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
'''
TAIL = '</office:spreadsheet></office:body></office:document>\n'

def s(text): return '<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(text)
def n(value): return '<table:table-cell office:value-type="float" office:value="%s"/>' % value
def b(value): return '<table:table-cell table:style-name="bool" office:value-type="boolean" office:boolean-value="%s"/>' % ('true' if value else 'false')
def d(iso): return '<table:table-cell table:style-name="date" office:value-type="date" office:date-value="%s"/>' % iso
def t(duration): return '<table:table-cell table:style-name="time" office:value-type="time" office:time-value="%s"/>' % duration
def dt(iso): return '<table:table-cell table:style-name="stamp" office:value-type="date" office:date-value="%s"/>' % iso
def f(formula, value): return '<table:table-cell table:formula="of:%s" office:value-type="float" office:value="%s"/>' % (escape(formula), value)
def fs(formula, value): return '<table:table-cell table:formula="of:%s" office:value-type="string" office:string-value="%s"/>' % (escape(formula), escape(value))
def fe(formula): return '<table:table-cell table:formula="of:%s"/>' % escape(formula)
def empty(count=1): return '<table:table-cell table:number-columns-repeated="%d"/>' % count if count > 1 else '<table:table-cell/>'
def merged(text, columns, rows): return ('<table:table-cell office:value-type="string" table:number-columns-spanned="%d" table:number-rows-spanned="%d"><text:p>%s</text:p></table:table-cell>' % (columns, rows, escape(text))) + '<table:covered-table-cell/>' * (columns - 1)
def covered(count): return '<table:covered-table-cell/>' * count
def row(*cells): return '<table:table-row>' + ''.join(cells) + '</table:table-row>\n'
def blank_rows(count): return '<table:table-row table:number-rows-repeated="%d"><table:table-cell/></table:table-row>\n' % count
def table(name, rows): return '<table:table table:name="%s">' % escape(name) + ''.join(rows) + '</table:table>\n'

def save(name, body, settings=''):
    with open(name + '.fods', 'w', encoding='utf-8') as out:
        out.write(HEAD + settings + body + TAIL)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(['soffice', '-env:UserInstallation=file://' + profile, '--headless', '--convert-to', 'xlsx',
                        '--outdir', '.', name + '.fods'], check=True, stdout=subprocess.DEVNULL)

# Every kind of cell, on the first of three sheets.
cases = table('Cases', [
    row(s('CRN'), s('Name'), s('Count'), s('Ratio'), s('Active'), s('Start'), s('Time'), s('Stamp'), s('Note'), s('Formula'), s('Error')),
    row(s('N000001'), s('Siân O’Neil'), n('42'), n('0.1'), b(True), d('2024-01-15'), t('PT12H30M00S'), dt('2024-01-15T08:05:09'), s('a & b <c> "d"'), f('=[.C2]+1', '43'), fe('=1/0')),
    row(s('007'), s('Zoë 李'), n('123456789012345678'), n('0.333333333333333333'), b(False), d('1900-03-01'), t('PT0H0M1S'), dt('1999-12-31T23:59:59'), s('  spaced  '), fs('=[.A3]&"x"', '007x'), fe('=NA()')),
    blank_rows(2),
    row(s('N000004'), merged('Merged across', 2, 1), n('-2.5'), n('1E-7'), empty(), d('2026-11-23'), empty(3), f('=[.C5]*2', '-5')),
    row(empty(10), s('only K')),
    row(s('N000007'), merged('Merged down', 1, 2), n('1E20')),
    row(s('N000008'), covered(1), n('100')),
])
second = table('Second sheet', [row(s('Header'), s('Other')), row(s('x'), n('1'))])
third = table('Zoë’s cases', [row(s('Only')), row(n('3.14159265358979'))])
save('cell-types', cases + second + third)

# The 1904 date system (LibreOffice writes date1904 when the null date is 1904-01-01).
settings_1904 = '<table:calculation-settings><table:null-date table:date-value="1904-01-01"/></table:calculation-settings>\n'
save('date1904', table('Dates', [row(s('When'), s('Stamp')), row(d('2024-01-15'), dt('2024-01-15T18:00:00')), row(d('1904-01-02'), empty())]), settings_1904)
