/* Diplo admin: a list filter whose record is found by the admin's autocomplete
   (archive.admin.AutocompleteFilter) applies as soon as one is chosen. */
window.addEventListener("load", function () {
  "use strict";
  if (!window.django || !window.django.jQuery) { return; }
  window.django.jQuery(".autocomplete-filter select").on("change", function () {
    this.form.submit();
  });
});
