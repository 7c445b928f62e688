function Get-RgFolderFiles {
    <#
    .SYNOPSIS
        Seam: the files in a folder and below it ([System.IO.DirectoryInfo], folder by folder), with their sizes
        and last write times. Folders that are reparse points (junctions, symbolic links) are not entered, so a
        cleanup never reaches outside the folder it names. The path is already expanded.
    .PARAMETER Path
        The folder.
    .OUTPUTS
        Exists ([bool]: the folder), Files (objects: Path, Name, Length [long], LastWriteTimeUtc [datetime]).
        Throws when a folder cannot be read (access denied).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [string]$Path
    )
    $root = [System.IO.DirectoryInfo]::new($Path)
    if (-not $root.Exists) {
        return [pscustomobject]@{ Exists = $false; Files = @() }
    }
    $files = [System.Collections.Generic.List[object]]::new()
    $pending = [System.Collections.Generic.Stack[System.IO.DirectoryInfo]]::new()
    $pending.Push($root)
    while ($pending.Count -gt 0) {
        $folder = $pending.Pop()
        foreach ($file in $folder.GetFiles()) {
            $files.Add([pscustomobject]@{ Path = $file.FullName; Name = $file.Name; Length = [long]$file.Length; LastWriteTimeUtc = $file.LastWriteTimeUtc })
        }
        foreach ($below in $folder.GetDirectories()) {
            if (($below.Attributes -band [System.IO.FileAttributes]::ReparsePoint) -eq 0) {
                $pending.Push($below)
            }
        }
    }
    [pscustomobject]@{ Exists = $true; Files = $files.ToArray() }
}

function Get-RgCleanupFiles {
    <#
    .SYNOPSIS
        The files a cleanup step would delete: in each folder (its %VARIABLE%s expanded) and below it, whose
        name matches an Include pattern and that were last written MinAgeDays or more ago (Get-RgUtcNow).
    .PARAMETER Step
        The step: Folders, Include, MinAgeDays.
    .OUTPUTS
        Folders (the expanded folders that exist), Files (the matching files), Bytes ([long], their total); with
        Profiles (every user's profile): Profiles (how many were looked in), Skipped (names and why).
    #>
    [CmdletBinding()]
    [OutputType([pscustomobject])]
    param(
        [Parameter(Mandatory = $true)]
        [System.Collections.IDictionary]$Step
    )
    $cutoff = (Get-RgUtcNow).AddDays(-[double]$Step.MinAgeDays)
    $patterns = @($Step.Include | ForEach-Object -Process { [System.Management.Automation.WildcardPattern]::new([string]$_, [System.Management.Automation.WildcardOptions]::IgnoreCase) })
    $folders = @()
    $matching = [System.Collections.Generic.List[object]]::new()
    [long]$bytes = 0
    $places = @(@($Step.Folders) | ForEach-Object -Process { Resolve-RgFilePath -Path ([string]$_) })
    $profiles = 0
    $skipped = @()
    if ($Step['Profiles']) {
        # Every user's profile from SYSTEM: runtime/cleanup-profiles.ps1, named in the step's data.
        $inProfiles = & ([string]$Step.ProfilesFolders) -Step $Step
        $places = @($inProfiles.Folders)
        $profiles = $inProfiles.Profiles
        $skipped = @($inProfiles.Skipped)
    }
    foreach ($path in $places) {
        $listed = Get-RgFolderFiles -Path $path
        if (-not $listed.Exists) {
            continue
        }
        $folders += $path
        foreach ($file in @($listed.Files)) {
            $named = @($patterns | Where-Object -FilterScript { $_.IsMatch([string]$file.Name) }).Count -gt 0
            if ($named -and $file.LastWriteTimeUtc -le $cutoff) {
                $matching.Add($file)
                $bytes += [long]$file.Length
            }
        }
    }
    [pscustomobject]@{ Folders = $folders; Files = $matching.ToArray(); Bytes = $bytes; Profiles = $profiles; Skipped = $skipped }
}

function Format-RgBytes {
    <#
    .SYNOPSIS
        A size in words: bytes below 1 KB, else KB, MB or GB with one decimal.
    .PARAMETER Bytes
        The size.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory = $true)]
        [long]$Bytes
    )
    $culture = [System.Globalization.CultureInfo]::InvariantCulture
    if ($Bytes -lt 1024) {
        return [string]$Bytes + ' bytes'
    }
    foreach ($unit in @(@('GB', 1073741824), @('MB', 1048576), @('KB', 1024))) {
        if ($Bytes -ge $unit[1]) {
            return ([double]$Bytes / $unit[1]).ToString('0.0', $culture) + ' ' + $unit[0]
        }
    }
}
