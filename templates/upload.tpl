{{%AUTOESCAPE context="HTML"}}
{{>HEADER}}
<h1>Upload</h1>
<section class="notice">
  <p>Uploading the four CSV files from the browser comes with the next release.</p>
  <p>Until then an administrator imports a folder holding influencers.csv, posts.csv,
  tracking_data.csv and payouts.csv with <code>make import DIR=path/to/folder</code>.
  Files are validated all-or-nothing: any error leaves the current dataset active.</p>
</section>
{{>FOOTER}}
